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

    public const string FhirBase = "https://fhir.example.test/r4";

    public Func<HttpRequestMessage, HttpResponseMessage>? FhirServer { get; set; }

    /// <summary>Answers the "jwks" client (the key host); null leaves the real handler (then inline keys are used).</summary>
    public Func<HttpRequestMessage, HttpResponseMessage>? KeyHost { get; set; }

    /// <summary>Extra configuration, applied after the defaults.</summary>
    public Dictionary<string, string?> Settings { get; } = new(StringComparer.Ordinal);

    /// <summary>Replaces the clock of the service (and of token validation).</summary>
    public TimeProvider? Clock { get; set; }

    /// <summary>The JWK Set holding the public key the tests sign with (kid k1).</summary>
    public string Jwks()
    {
        var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(rsa.ExportParameters(false)) { KeyId = "k1" });
        return System.Text.Json.JsonSerializer.Serialize(new { keys = new[] { new { kty = jwk.Kty, kid = jwk.Kid, n = jwk.N, e = jwk.E, alg = "RS384", use = "sig" } } });
    }

    public string Token(TimeSpan? lifetime = null, string? audience = null, bool otherKey = false, string? jti = null, DateTime? issuedAt = null, string? kid = "k1")
    {
        var key = new RsaSecurityKey(otherKey ? otherRsa : rsa) { KeyId = kid };
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
        builder.UseEnvironment("Production");
        builder.UseSetting("CdsHooks:Audience", Audience);
        builder.UseSetting("CdsHooks:TrustedClients:0:Issuer", Issuer);
        builder.UseSetting("CdsHooks:TrustedClients:0:FhirServers:0", FhirBase);
        if (!Settings.ContainsKey("CdsHooks:TrustedClients:0:JwksUrl"))
        {
            builder.UseSetting("CdsHooks:TrustedClients:0:Jwks", Jwks());
        }

        foreach (var (k, v) in Settings)
        {
            builder.UseSetting(k, v);
        }

        builder.ConfigureLogging(l => l.AddProvider(new ListLoggerProvider(Logs)));
        builder.ConfigureTestServices(services =>
        {
            services.AddHttpClient("fhir").ConfigurePrimaryHttpMessageHandler(() => new StubHandler(() => FhirServer));
            services.AddHttpClient("jwks").ConfigurePrimaryHttpMessageHandler(() => new StubHandler(() => KeyHost));
            if (Clock is not null)
            {
                services.AddSingleton(Clock);
            }
        });
    }

    protected override void Dispose(bool disposing)
    {
        rsa.Dispose();
        otherRsa.Dispose();
        base.Dispose(disposing);
    }

    /// <summary>In-process stand-in for a remote host: no network at all.</summary>
    private sealed class StubHandler(Func<Func<HttpRequestMessage, HttpResponseMessage>?> answer) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(answer()?.Invoke(request) ?? new HttpResponseMessage(System.Net.HttpStatusCode.NotFound));
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
