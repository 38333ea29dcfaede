using Microsoft.AspNetCore.Components.Forms;
using TppsPortal.Common;

namespace TppsPortal.Web.Components.Shared;

/// <summary>
/// Shows a service <see cref="Result"/>'s field errors inside an <see cref="EditForm"/>, next to the MudBlazor
/// input bound to that field with <c>For</c>. MudBlazor inputs in an EditForm take their error state from the
/// EditContext on every validation pass, so an <c>Error</c>/<c>ErrorText</c> set from outside is wiped as soon
/// as any field changes; messages in a <see cref="ValidationMessageStore"/> stay until the next submit. Messages for
/// no single field (key "") stay with <see cref="FormErrors"/>.
/// <para>
/// They stay even after their own field is corrected. Retracting a message when its field changes shrinks the form
/// while the person's button is still pressed: the change arrives on blur, at the press, and the re-render moves
/// "Simpan" away from under the pointer before the release, so the browser fires no click and nothing is saved
/// (<c>DashboardFlowTests</c> clicks as a person does to keep this honest; see docs/forms.md).
/// </para>
/// </summary>
public sealed class ServerValidation
{
    private readonly EditContext _context;
    private readonly ValidationMessageStore _messages;

    public ServerValidation(EditContext context)
    {
        _context = context;
        _messages = new ValidationMessageStore(context);
        // A new submit asks the server again; stale messages must not block it.
        context.OnValidationRequested += (_, _) => Clear(notify: false);
    }

    public void Show(Result result)
    {
        Clear(notify: false);
        foreach (var (field, messages) in result.Errors)
        {
            if (field.Length == 0)
            {
                continue;
            }
            var identifier = _context.Field(field);
            // One joined message: MudBlazor shows only the first message of a field.
            _messages.Add(identifier, string.Join(" ", messages));
        }
        _context.NotifyValidationStateChanged();
    }

    public void Clear(bool notify = true)
    {
        _messages.Clear();
        if (notify)
        {
            _context.NotifyValidationStateChanged();
        }
    }
}
