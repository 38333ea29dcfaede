using Microsoft.AspNetCore.Components.Forms;
using TppsPortal.Common;

namespace TppsPortal.Web.Components.Shared;

/// <summary>
/// Shows a service <see cref="Result"/>'s field errors inside an <see cref="EditForm"/>, next to the MudBlazor
/// input bound to that field with <c>For</c>. MudBlazor inputs in an EditForm take their error state from the
/// EditContext on every validation pass, so an <c>Error</c>/<c>ErrorText</c> set from outside is wiped as soon
/// as any field changes; messages in a <see cref="ValidationMessageStore"/> stay until their own field is edited
/// (eShop's Checkout.razor does the same). Messages for no single field (key "") stay with <see cref="FormErrors"/>.
/// </summary>
public sealed class ServerValidation
{
    private readonly EditContext _context;
    private readonly ValidationMessageStore _messages;
    private readonly HashSet<FieldIdentifier> _fields = [];

    public ServerValidation(EditContext context)
    {
        _context = context;
        _messages = new ValidationMessageStore(context);
        // Editing a field retracts the server's word on it; the other fields keep theirs.
        context.OnFieldChanged += (_, e) =>
        {
            if (_fields.Remove(e.FieldIdentifier))
            {
                _messages.Clear(e.FieldIdentifier);
                context.NotifyValidationStateChanged();
            }
        };
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
            _fields.Add(identifier);
        }
        _context.NotifyValidationStateChanged();
    }

    public void Clear(bool notify = true)
    {
        _messages.Clear();
        _fields.Clear();
        if (notify)
        {
            _context.NotifyValidationStateChanged();
        }
    }
}
