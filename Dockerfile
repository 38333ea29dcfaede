# TPPS Portal container image.
#   docker build -t tpps-portal .
#   docker run -e ConnectionStrings__Tpps="Host=...;Database=tpps;Username=tpps;Password=..." -p 5080:8080 tpps-portal
# The command-line verbs work too: docker run --rm -e ConnectionStrings__Tpps=... tpps-portal migrate

# ---- build ----------------------------------------------------------------------------
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src

# The whole context (see .dockerignore): global.json, Directory.*.props, src/ ...
COPY . .

# Directory.Build.props pins linux-x64 (SkiaSharp's native libraries); follow the
# target platform instead so that an arm64 image gets arm64 natives.
ARG TARGETARCH
RUN case "$TARGETARCH" in \
        arm64) rid=linux-arm64 ;; \
        *)     rid=linux-x64 ;; \
    esac \
 && dotnet publish src/TppsPortal.Web/TppsPortal.Web.csproj -c Release -r "$rid" --self-contained false \
        -o /app --nologo

# ---- runtime --------------------------------------------------------------------------
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime

# Fonts for the PDF reports (Liberation = metric-compatible Arial/Times New Roman, DejaVu; Noto and
# Noto Color Emoji as fallbacks for Arabic, other scripts and emoji), curl for the health check, tzdata for local times.
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
        fonts-liberation2 fonts-dejavu-core fonts-noto-core fonts-noto-color-emoji curl tzdata \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY --from=build /app .

# Serilog writes rolling files to logs/ below the working folder: it must be writable
# by the non-root user `app` that the .NET images provide ($APP_UID).
RUN mkdir -p /app/logs && chown "$APP_UID" /app/logs
USER $APP_UID

# Listen on 8080 over plain HTTP (TLS ends at the reverse proxy). The empty
# ASPNETCORE_HTTP_PORTS (set by the base image) avoids a warning about two port settings.
ENV ASPNETCORE_URLS=http://+:8080 \
    ASPNETCORE_HTTP_PORTS= \
    ASPNETCORE_ENVIRONMENT=Production \
    DOTNET_NOLOGO=1
EXPOSE 8080

HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD curl -fsS http://localhost:8080/health/live || exit 1

ENTRYPOINT ["dotnet", "TppsPortal.Web.dll"]
