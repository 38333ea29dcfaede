using MudBlazor;

namespace TppsPortal.Web.Components.Shared;

/// <summary>
/// A <see cref="MudNumericField{T}"/> whose error state belongs to the page. MudNumericField validates itself on every
/// change (its built-in range check) and, doing so, clears an <c>Error</c>/<c>ErrorText</c> the server set: a person who
/// corrects a refused number and presses "Simpan" saw the message vanish at the press, the form shrink, the button move
/// from under the pointer and no click arrive. Here the server's message stays until the next save. The range is still
/// kept: <c>Min</c> and <c>Max</c> bound the value as it is set.
/// </summary>
public class NumberField<T> : MudNumericField<T>
{
    public NumberField()
    {
        Validation = null;
    }
}
