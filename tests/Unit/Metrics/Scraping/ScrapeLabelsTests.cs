using McpMonitoring.Engine.Metrics.Scraping;

namespace McpMonitoring.Tests.Unit.Metrics.Scraping;

public sealed class ScrapeLabelsTests
{
    private static readonly ScrapeTargetDefinition Target = new()
    {
        Name = "t", Job = "node", Url = new Uri("http://10.0.0.1:9100/metrics"), Interval = TimeSpan.FromSeconds(15), Timeout = TimeSpan.FromSeconds(10),
        Labels = new Dictionary<string, string> { ["env"] = "prod" },
    };

    [Fact]
    public void Target_Labels_Are_Job_Instance_And_Static_Labels()
    {
        var labels = ScrapeLabels.TargetLabels(Target).ToDictionary(l => l.Name, l => l.Value);
        Assert.Equal(new Dictionary<string, string> { ["job"] = "node", ["instance"] = "10.0.0.1:9100", ["env"] = "prod" }, labels);
    }

    [Fact]
    public void Default_Port_Is_Written_In_Instance()
    {
        var target = Target with { Url = new Uri("http://host/metrics") };
        Assert.Equal("host:80", ScrapeLabels.TargetLabels(target).Single(l => l.Name == "instance").Value);
    }

    [Fact]
    public void Without_Honor_Labels_Clashing_Exposed_Labels_Become_Exported()
    {
        var set = ScrapeLabels.Merge([new("__name__", "m"), new("job", "exposed"), new("exported_job", "taken"), new("x", "1")], ScrapeLabels.TargetLabels(Target), honorLabels: false);
        Assert.Equal("node", set.Get("job"));
        Assert.Equal("taken", set.Get("exported_job"));
        Assert.Equal("exposed", set.Get("exported_exported_job"));
        Assert.Equal("1", set.Get("x"));
        Assert.Equal("prod", set.Get("env"));
    }

    [Fact]
    public void With_Honor_Labels_Exposed_Labels_Win_And_Missing_Ones_Are_Added()
    {
        var set = ScrapeLabels.Merge([new("__name__", "m"), new("job", "exposed")], ScrapeLabels.TargetLabels(Target), honorLabels: true);
        Assert.Equal("exposed", set.Get("job"));
        Assert.Equal("10.0.0.1:9100", set.Get("instance"));
        Assert.Null(set.Get("exported_job"));
    }

    [Fact]
    public void Empty_Values_Mean_No_Label()
    {
        var set = ScrapeLabels.Merge([new("__name__", "m"), new("blank", "")], [], honorLabels: false);
        Assert.Equal(["__name__"], set.Labels.Select(l => l.Name));
    }
}
