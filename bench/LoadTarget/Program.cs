// A deliberately cheap HTTP endpoint for capacity runs, so the console's own cost dominates the measurement:
// - any GET: 200 "ok" (probe capacity);
// - GET /metrics: SERIES (default 1000) series in the Prometheus text format (scrape load), in 50 families of
//   counters and gauges told apart by a label; values move once a second like a real exporter's, and the text is
//   rendered once per second, not per request.
using System.Globalization;
using System.Text;

var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var app = builder.Build();
var ok = "ok"u8.ToArray();
var exposition = new Exposition(int.Parse(Environment.GetEnvironmentVariable("SERIES") ?? "1000", CultureInfo.InvariantCulture));
using var refresh = new Timer(_ => exposition.Advance(), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
app.Run(context =>
{
    var body = context.Request.Path == "/metrics" ? exposition.Current : ok;
    context.Response.StatusCode = 200;
    context.Response.ContentType = context.Request.Path == "/metrics" ? "text/plain; version=0.0.4; charset=utf-8" : "text/plain";
    context.Response.ContentLength = body.Length;
    return context.Response.Body.WriteAsync(body, 0, body.Length);
});
app.Run();

internal sealed class Exposition
{
    private const int Families = 50;
    private readonly double[] _values;
    private readonly Random _random = new(42);
    private volatile byte[] _current = [];

    public Exposition(int series)
    {
        _values = new double[series];
        Advance();
    }

    public byte[] Current => _current;

    public void Advance()
    {
        var text = new StringBuilder(_values.Length * 64);
        var perFamily = Math.Max(1, _values.Length / Families);
        for (var i = 0; i < _values.Length; i++)
        {
            var family = i / perFamily;
            var counter = family % 2 == 0;
            var name = counter ? $"load_requests_{family}_total" : $"load_queue_depth_{family}";
            if (i % perFamily == 0)
            {
                text.Append(CultureInfo.InvariantCulture, $"# HELP {name} Synthetic {(counter ? "counter" : "gauge")} {family}.\n# TYPE {name} {(counter ? "counter" : "gauge")}\n");
            }

            // Counters grow by small integers; gauges wander around 100 with two decimals (like queue depths, latencies).
            _values[i] = counter ? _values[i] + _random.Next(0, 20) : Math.Round(Math.Abs(100 + (_random.NextDouble() - 0.5) * 40), 2);
            text.Append(CultureInfo.InvariantCulture, $"{name}{{shard=\"{i % perFamily}\",region=\"eu-{family % 3}\"}} {_values[i]}\n");
        }

        _current = Encoding.UTF8.GetBytes(text.ToString());
    }
}
