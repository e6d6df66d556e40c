using System.Text.Json;
using McpMonitoring.Engine.Metrics.Exposition;
using McpMonitoring.Engine.Streaming;
using McpMonitoring.Tests.Component.Infrastructure;
using McpMonitoring.Web.Components.Pages;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace McpMonitoring.Tests.Component.Pages;

/// <summary>The explorer against a real store filled with samples and the real query engine; the chart is checked at the JS interop boundary.</summary>
public sealed class MetricsExplorerTests : ComponentTestContext
{
    private static readonly Dictionary<string, string> Api = new() { ["job"] = "api", ["instance"] = "api:8080" };
    private static readonly Dictionary<string, string> Worker = new() { ["job"] = "worker", ["instance"] = "worker:9100" };

    [Fact]
    public void MetricPicker_Typed_ListsMatchingNamesWithTypeAndHelp()
    {
        DescribeMetric("http_requests_total", MetricType.Counter, "Requests served.");
        AddSeries("http_requests_total", Api, [1, 2, 3]);
        DescribeMetric("process_resident_memory_bytes", MetricType.Gauge, "Resident memory size in bytes.");
        AddSeries("process_resident_memory_bytes", Api, [1e6, 1e6]);
        var page = RenderPage();

        TypeIntoPicker(page, "requests");

        page.WaitForAssertion(() =>
        {
            var option = page.Find("[data-testid=metric-option-http_requests_total]");
            Assert.Contains("counter", option.TextContent, StringComparison.Ordinal);
            Assert.Contains("Requests served.", option.TextContent, StringComparison.Ordinal);
            // Focusing lists every metric; the typed text then narrows the list.
            Assert.Empty(page.FindAll("[data-testid=metric-option-process_resident_memory_bytes]"));
        });
    }

    [Fact]
    public void PickCounter_RateSuggestedAndChartReceivesOneLinePerSeries()
    {
        DescribeMetric("http_requests_total", MetricType.Counter, "Requests served.");
        AddSeries("http_requests_total", Api, [.. Enumerable.Range(0, 40).Select(i => i * 15.0)]);
        AddSeries("http_requests_total", Worker, [.. Enumerable.Range(0, 40).Select(i => i * 30.0)]);
        var page = RenderPage();

        TypeIntoPicker(page, "http_requests");
        page.WaitForAssertion(() => page.Find("[data-testid=metric-option-http_requests_total]").Click());

        page.WaitForAssertion(() => Assert.Equal("2", page.Find("[data-testid=metric-chart]").GetAttribute("data-series")));
        Assert.Equal("rate(http_requests_total[5m])", page.Find("[data-testid=explorer-expression]").TextContent);
        Assert.Equal("/s", page.Find("[data-testid=metric-chart]").GetAttribute("data-unit"));
        var names = DrawnSeriesNames();
        Assert.Equal(["{instance=\"api:8080\", job=\"api\"}", "{instance=\"worker:9100\", job=\"worker\"}"], names);
        var uri = Services.GetRequiredService<NavigationManager>().Uri;
        Assert.Contains("metric=http_requests_total", uri, StringComparison.Ordinal);
        Assert.Contains("rate=5m", uri, StringComparison.Ordinal);
    }

    [Fact]
    public void Url_CarriesSelection_ExplorerShowsAndQueriesIt()
    {
        DescribeMetric("up", MetricType.Gauge, "1 if the last scrape succeeded.");
        AddSeries("up", Api, [1, 1, 1]);
        AddSeries("up", Worker, [0, 0, 0]);
        Services.GetRequiredService<NavigationManager>().NavigateTo("/ui/metrics?metric=up&match=%7Bjob%3D%22worker%22%7D&range=6h");

        var page = RenderPage();

        page.WaitForAssertion(() => Assert.Equal("1", page.Find("[data-testid=metric-chart]").GetAttribute("data-series")));
        Assert.Equal("up{job=\"worker\"}", page.Find("[data-testid=explorer-expression]").TextContent);
        Assert.Equal("true", page.Find("[data-testid=explorer-range-6h]").GetAttribute("aria-pressed"));
        Assert.Equal("up", page.Find(MetricPicker).GetAttribute("value"));
        Assert.Contains("gauge", page.Find("[data-testid=metric-type]").TextContent, StringComparison.Ordinal);
        Assert.Equal("1", page.Find("[data-testid=explorer-series-count]").GetAttribute("data-count"));
        Assert.Equal("raw", page.Find("[data-testid=explorer-resolution]").GetAttribute("data-resolution"));
    }

    [Fact]
    public void RangeClicked_UrlUpdatedForSharing()
    {
        AddSeries("up", Api, [1, 1]);
        Services.GetRequiredService<NavigationManager>().NavigateTo("/ui/metrics?metric=up");
        var page = RenderPage();
        page.WaitForAssertion(() => Assert.Equal("1", page.Find("[data-testid=metric-chart]").GetAttribute("data-series")));

        page.Find("button[data-testid=explorer-range-24h]").Click();

        page.WaitForAssertion(() => Assert.EndsWith("/ui/metrics?metric=up&range=24h", Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal));
        Assert.Equal("true", page.Find("[data-testid=explorer-range-24h]").GetAttribute("aria-pressed"));
    }

    [Fact]
    public void Paused_RangePinnedInUrlAndBackToLive()
    {
        AddSeries("up", Api, [1, 1]);
        Services.GetRequiredService<NavigationManager>().NavigateTo("/ui/metrics?metric=up");
        var page = RenderPage();
        page.WaitForAssertion(() => Assert.Equal("1", page.Find("[data-testid=metric-chart]").GetAttribute("data-series")));

        page.Find("button[data-testid=explorer-pause]").Click();

        var end = Time.GetUtcNow().ToUnixTimeSeconds();
        page.WaitForAssertion(() => Assert.EndsWith($"/ui/metrics?metric=up&end={end}", Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal));
        page.Find("button[data-testid=explorer-resume]").Click();
        page.WaitForAssertion(() => Assert.EndsWith("/ui/metrics?metric=up", Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal));
        Assert.NotNull(page.Find("button[data-testid=explorer-pause]"));
    }

    [Fact]
    public void NoSamplesForSelection_ShowsEmptyState()
    {
        AddSeries("up", Api, [1, 1]);
        Services.GetRequiredService<NavigationManager>().NavigateTo("/ui/metrics?metric=up&match=%7Bjob%3D%22nobody%22%7D");

        var page = RenderPage();

        page.WaitForAssertion(() => Assert.Contains("No data for this selection", page.Find("[data-testid=explorer-empty]").TextContent, StringComparison.Ordinal));
        Assert.Equal("0", page.Find("[data-testid=metric-chart]").GetAttribute("data-series"));
    }

    [Fact]
    public void NothingPicked_AsksToPickAndCountsStoredMetrics()
    {
        AddSeries("up", Api, [1]);
        AddSeries("scrape_duration_seconds", Api, [0.02]);

        var page = RenderPage();

        page.WaitForAssertion(() => Assert.Contains("Pick one of the 2 stored metrics", page.Find("[data-testid=explorer-pick]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public void ManySeries_DrawsTopTwentyWithNote()
    {
        for (var i = 0; i < 25; i++)
        {
            AddSeries("node_filesystem_avail_bytes", new Dictionary<string, string> { ["job"] = "node", ["mountpoint"] = $"/m{i:00}" }, [i * 1e9, i * 1e9]);
        }

        Services.GetRequiredService<NavigationManager>().NavigateTo("/ui/metrics?metric=node_filesystem_avail_bytes");

        var page = RenderPage();

        page.WaitForAssertion(() => Assert.Equal("20", page.Find("[data-testid=metric-chart]").GetAttribute("data-series")));
        Assert.Contains("top 20 of 25", page.Find("[data-testid=explorer-capped]").TextContent, StringComparison.Ordinal);
        // The largest ones are kept; the axis is in GB, derived from the _bytes name.
        var names = DrawnSeriesNames();
        Assert.Contains("{mountpoint=\"/m24\"}", names);
        Assert.DoesNotContain("{mountpoint=\"/m00\"}", names);
        Assert.Equal("GB", page.Find("[data-testid=metric-chart]").GetAttribute("data-unit"));
    }

    [Fact]
    public void Aggregated_ByJob_OneLinePerJob()
    {
        AddSeries("up", Api, [1, 1]);
        AddSeries("up", new Dictionary<string, string> { ["job"] = "api", ["instance"] = "api:8081" }, [1, 1]);
        AddSeries("up", Worker, [0, 0]);
        Services.GetRequiredService<NavigationManager>().NavigateTo("/ui/metrics?metric=up&aggregate=sum&by=job");

        var page = RenderPage();

        page.WaitForAssertion(() => Assert.Equal("2", page.Find("[data-testid=metric-chart]").GetAttribute("data-series")));
        Assert.Equal("sum by (job) (up)", page.Find("[data-testid=explorer-expression]").TextContent);
        Assert.Equal(["{job=\"api\"}", "{job=\"worker\"}"], DrawnSeriesNames());
    }

    [Fact]
    public void NewScrape_LiveChartPicksUpNewSeries()
    {
        AddSeries("up", Api, [1, 1]);
        Services.GetRequiredService<NavigationManager>().NavigateTo("/ui/metrics?metric=up");
        var page = RenderPage();
        page.WaitForAssertion(() => Assert.Equal("1", page.Find("[data-testid=metric-chart]").GetAttribute("data-series")));

        AddSeries("up", Worker, [1, 1]);
        Events.Touch(EventTopics.Scrapes);

        page.WaitForAssertion(() => Assert.Equal("2", page.Find("[data-testid=metric-chart]").GetAttribute("data-series")), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void TargetsTabClicked_NavigatesToItsAddress()
    {
        var page = RenderPage();

        page.FindAll(".mud-tab").Single(t => t.TextContent.Contains("Scrape targets", StringComparison.Ordinal)).Click();

        page.WaitForAssertion(() => Assert.EndsWith(Metrics.TargetsPath, Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal));
    }

    private const string MetricPicker = "input[data-testid=metric-picker], [data-testid=metric-picker] input";

    /// <summary>
    /// As a user does: focus (which lists every metric), then type. MudBlazor debounces the search on the injected
    /// TimeProvider, here the fake clock: move it past the debounce interval.
    /// </summary>
    private void TypeIntoPicker(IRenderedComponent<IComponent> page, string text)
    {
        page.Find(MetricPicker).Focus();
        page.Find(MetricPicker).Input(text);
        Time.Advance(TimeSpan.FromSeconds(1));
    }

    /// <summary>Legend names of the last chart drawn or updated through mcpmon.charts.</summary>
    private List<string> DrawnSeriesNames()
    {
        var last = JSInterop.Invocations.Where(i => i.Identifier is "mcpmon.charts.render" or "mcpmon.charts.update").Last();
        // render(id, options) carries the series inside the options; update(id, series, options) as its own argument.
        var json = JsonSerializer.Serialize(last.Arguments[1]);
        using var document = JsonDocument.Parse(json);
        var series = document.RootElement.ValueKind == JsonValueKind.Array ? document.RootElement : document.RootElement.GetProperty("series");
        return [.. series.EnumerateArray().Select(s => s.GetProperty("name").GetString()!)];
    }

    private IRenderedComponent<IComponent> RenderPage() => Render(builder =>
    {
        builder.OpenComponent<MudPopoverProvider>(0);
        builder.CloseComponent();
        builder.OpenComponent<MudDialogProvider>(1);
        builder.CloseComponent();
        builder.OpenComponent<MudSnackbarProvider>(2);
        builder.CloseComponent();
        builder.OpenComponent<Metrics>(3);
        builder.CloseComponent();
    });
}
