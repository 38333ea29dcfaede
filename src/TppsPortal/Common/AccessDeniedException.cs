namespace TppsPortal.Common;

/// <summary>
/// Thrown by <see cref="Accounts.AccessPolicy"/> when an actor asks for data or a change outside its scope.
/// The message is Indonesian and safe to show; the web layer turns it into a refusal page or HTTP 403.
/// </summary>
public sealed class AccessDeniedException(string message) : Exception(message);
