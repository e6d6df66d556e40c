using McpMonitoring.Web.Demo;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace McpMonitoring.Web.Components.Controls;

/// <summary>Lets a newcomer break the demo database from the UI to watch a cascade (and fix it again).</summary>
public sealed partial class DemoFleetCard
{
    [Inject] public required DemoServices Demo { get; init; }

    [Inject] public required ISnackbar Snackbar { get; init; }

    private bool DatabaseRunning => Demo.States.TryGetValue(DemoServices.Database, out var running) && running;

    private void SetDatabase(bool running)
    {
        Demo.SetRunning(DemoServices.Database, running);
        Snackbar.Add(running
            ? "Demo database started: its dependents recover after their next successful probes."
            : "Demo database stopped: watch demo-api and demo-mcp become Impacted within a few seconds.",
            running ? Severity.Success : Severity.Warning);
    }
}
