using McpMonitoring.Web.Model;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace McpMonitoring.Web.Components.Controls;

/// <summary>
/// The explorer's line chart, drawn by apexcharts through <c>mcpmon.charts</c>: one line per series, a legend from
/// their labels and a y-axis in the result's unit. A new <see cref="Data"/> updates the drawn chart in place (live
/// refreshes do not flicker); a theme change draws it again.
/// </summary>
public sealed partial class MetricChart : IAsyncDisposable
{
    private readonly string _elementId = $"metric-{Guid.NewGuid():N}";
    private MetricChartData? _shown;
    private bool _drawn;
    private bool _renderedDark;

    [Parameter] public MetricChartData? Data { get; set; }

    [CascadingParameter(Name = "DarkMode")] public bool DarkMode { get; set; } = true;

    [Inject] public required IJSRuntime JS { get; init; }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (ReferenceEquals(_shown, Data) && _renderedDark == DarkMode)
        {
            return;
        }

        var themeChanged = _renderedDark != DarkMode;
        _shown = Data;
        _renderedDark = DarkMode;
        try
        {
            if (Data is null || Data.Lines.Count == 0)
            {
                // Hidden while empty; the next data draws with fresh axes.
                await DestroyAsync();
            }
            else if (_drawn && !themeChanged)
            {
                _drawn = await JS.InvokeAsync<bool>("mcpmon.charts.update", _elementId, MetricChartOptions.Series(Data), MetricChartOptions.Update(Data));
            }
            else
            {
                _drawn = await JS.InvokeAsync<bool>("mcpmon.charts.render", _elementId, MetricChartOptions.Create(Data, DarkMode));
            }
        }
        catch (JSDisconnectedException)
        {
        }
    }

    private async Task DestroyAsync()
    {
        if (_drawn)
        {
            _drawn = false;
            await JS.InvokeVoidAsync("mcpmon.charts.destroy", _elementId);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await DestroyAsync();
        }
        catch (JSDisconnectedException)
        {
        }
    }
}
