using Microsoft.EntityFrameworkCore.Migrations;


namespace TppsPortal.Data.Migrations
{
    /// <inheritdoc />
    public partial class CatalogVersions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<uint>(
                name: "xmin",
                table: "indicators",
                type: "xid",
                rowVersion: true,
                nullable: false,
                defaultValue: 0u);

            migrationBuilder.AddColumn<uint>(
                name: "xmin",
                table: "data_sources",
                type: "xid",
                rowVersion: true,
                nullable: false,
                defaultValue: 0u);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "xmin",
                table: "indicators");

            migrationBuilder.DropColumn(
                name: "xmin",
                table: "data_sources");
        }
    }
}
