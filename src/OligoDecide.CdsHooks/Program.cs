using OligoDecide.CdsHooks;

var app = CdsHooksApp.Build(args);
app.Run();

/// <summary>Entry point (public for WebApplicationFactory in tests).</summary>
public partial class Program;
