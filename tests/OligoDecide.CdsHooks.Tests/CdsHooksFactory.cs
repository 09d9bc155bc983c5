using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace OligoDecide.CdsHooks.Tests;

/// <summary>The real host (in-memory test server) configured with one trusted CDS client whose keys the tests hold.</summary>
public sealed class CdsHooksFactory : WebApplicationFactory<Program>
{
    public const string Issuer = "https://ehr.example.test";
    public const string Audience = "https://cds.example.test/cds-services";

    private readonly RSA rsa = RSA.Create(2048);
    private readonly RSA otherRsa = RSA.Create(2048);

    public ConcurrentQueue<string> Logs { get; } = new();

    public Func<HttpRequestMessage, HttpResponseMessage>? FhirServer { get; set; }

    public string Token(TimeSpan? lifetime = null, string? audience = null, bool otherKey = false, string? jti = null, DateTime? issuedAt = null)
    {
        var key = new RsaSecurityKey(otherKey ? otherRsa : rsa) { KeyId = "k1" };
        var iat = issuedAt ?? DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = audience ?? Audience,
            IssuedAt = iat,
            NotBefore = iat,
            Expires = iat + (lifetime ?? TimeSpan.FromMinutes(5)),
            Claims = new Dictionary<string, object> { ["jti"] = jti ?? Guid.NewGuid().ToString(), ["sub"] = "client" },
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha384),
        });
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(rsa.ExportParameters(false)) { KeyId = "k1" });
        var jwks = System.Text.Json.JsonSerializer.Serialize(new { keys = new[] { new { kty = jwk.Kty, kid = jwk.Kid, n = jwk.N, e = jwk.E, alg = "RS384", use = "sig" } } });
        builder.UseEnvironment("Production");
        builder.UseSetting("CdsHooks:Audience", Audience);
        builder.UseSetting("CdsHooks:TrustedClients:0:Issuer", Issuer);
        builder.UseSetting("CdsHooks:TrustedClients:0:Jwks", jwks);
        builder.ConfigureLogging(l => l.AddProvider(new ListLoggerProvider(Logs)));
        builder.ConfigureTestServices(services =>
            services.AddHttpClient("fhir").ConfigurePrimaryHttpMessageHandler(() => new StubHandler(this)));
    }

    protected override void Dispose(bool disposing)
    {
        rsa.Dispose();
        otherRsa.Dispose();
        base.Dispose(disposing);
    }

    private sealed class StubHandler(CdsHooksFactory factory) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(factory.FhirServer?.Invoke(request) ?? new HttpResponseMessage(System.Net.HttpStatusCode.NotFound));
    }

    private sealed class ListLoggerProvider(ConcurrentQueue<string> logs) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new ListLogger(logs);

        public void Dispose()
        {
        }

        private sealed class ListLogger(ConcurrentQueue<string> logs) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                logs.Enqueue(formatter(state, exception) + (exception is null ? string.Empty : " " + exception));
        }
    }
}
