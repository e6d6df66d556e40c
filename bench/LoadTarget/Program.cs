// A deliberately cheap HTTP endpoint for probe-capacity runs: 200 "ok" for every GET, no routing,
// no logging, so the console's cost per probe dominates the measurement.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var app = builder.Build();
var ok = "ok"u8.ToArray();
app.Run(context =>
{
    context.Response.StatusCode = 200;
    context.Response.ContentType = "text/plain";
    context.Response.ContentLength = ok.Length;
    return context.Response.Body.WriteAsync(ok, 0, ok.Length);
});
app.Run();
