using MudBlazor;

namespace Quantify.Web.Components.Shared;

/// <summary>
/// The one way pages ask before anything destructive (end, lock, revoke, suspend, switch off, discard…): a message box
/// that names the consequence, with the action as the confirm button and "Cancel" as the safe default.
/// Archive, deactivate and decommission of master data go through <see cref="ImpactDialog"/> instead (it lists the impact).
/// </summary>
public static class Confirm
{
    public static async Task<bool> AskAsync(this IDialogService dialogs, string title, string message, string action) =>
        await dialogs.ShowMessageBoxAsync(title, message, yesText: action, cancelText: "Cancel") == true;
}
