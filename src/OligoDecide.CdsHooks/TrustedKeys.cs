using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Tokens;

namespace OligoDecide.CdsHooks;

/// <summary>
/// The signing keys of each trusted CDS client: inline JWKS, or a JWKS URL read through
/// Microsoft.IdentityModel.Protocols' <see cref="ConfigurationManager{T}"/> (refreshed every
/// <see cref="CdsHooksOptions.JwksRefreshInterval"/>). A token naming a <c>kid</c> the set lacks asks for a
/// refresh at most once per <see cref="CdsHooksOptions.JwksMinimumRefreshInterval"/>, and a failed fetch is
/// remembered, so forged tokens cannot make the service call the key host once each. Fetches are https
/// only outside Development, time out, and follow no redirect to another host (the "jwks" HttpClient).
/// </summary>
internal sealed partial class TrustedKeys
{
    /// <summary>After a failed fetch, the next one is tried no sooner than this.</summary>
    internal static readonly TimeSpan FailureRetry = TimeSpan.FromSeconds(30);

    private readonly Dictionary<string, Entry> byIssuer = new(StringComparer.Ordinal);
    private readonly CdsHooksOptions options;
    private readonly TimeProvider time;
    private readonly ILogger<TrustedKeys> logger;

    public TrustedKeys(CdsHooksOptions options, IHttpClientFactory http, IHostEnvironment environment, TimeProvider time, ILogger<TrustedKeys> logger)
    {
        this.options = options;
        this.time = time;
        this.logger = logger;
        foreach (var client in options.TrustedClients)
        {
            var entry = new Entry();
            if (client.Jwks is not null)
            {
                entry.Keys = [.. new JsonWebKeySet(client.Jwks).GetSigningKeys()];
            }
            else if (client.JwksUrl is not null)
            {
                var retriever = new HttpDocumentRetriever(http.CreateClient(HttpClients.Jwks)) { RequireHttps = !environment.IsDevelopment() };
                entry.Manager = new ConfigurationManager<JsonWebKeySet>(client.JwksUrl, new JwksRetriever(), retriever)
                {
                    AutomaticRefreshInterval = options.JwksRefreshInterval < ConfigurationManager<JsonWebKeySet>.MinimumAutomaticRefreshInterval
                        ? ConfigurationManager<JsonWebKeySet>.MinimumAutomaticRefreshInterval
                        : options.JwksRefreshInterval,
                    RefreshInterval = options.JwksMinimumRefreshInterval,
                };
            }

            byIssuer.TryAdd(client.Issuer, entry);
        }
    }

    /// <summary>
    /// Before the token is validated: makes sure the issuer's keys are loaded, and asks for a (rate-limited)
    /// refresh when the token names a key the set does not hold.
    /// </summary>
    public async Task PrepareAsync(string? issuer, string? kid, CancellationToken cancel)
    {
        if (issuer is null || !byIssuer.TryGetValue(issuer, out var entry) || entry.Manager is null)
        {
            return;
        }

        var now = time.GetUtcNow();
        var known = kid is not null && entry.Keys.Any(k => k.KeyId == kid);
        if (entry.Keys.Count > 0 && !known && kid is not null)
        {
            lock (entry)
            {
                if (now - entry.LastForced >= options.JwksMinimumRefreshInterval)
                {
                    entry.LastForced = now;
                    entry.Manager.RequestRefresh();
                }
            }
        }

        if (now - entry.LastFailure < FailureRetry)
        {
            return;
        }

        try
        {
            var set = await entry.Manager.GetConfigurationAsync(cancel).ConfigureAwait(false);
            entry.Keys = [.. set.GetSigningKeys()];
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or HttpRequestException or OperationCanceledException or ArgumentException)
        {
            entry.LastFailure = now;
            LogFetchFailed(logger, issuer, ex.GetType().Name);
        }
    }

    /// <summary>The keys of the issuer whose id is <paramref name="kid"/>; none when the token names no <c>kid</c>.</summary>
    public IEnumerable<SecurityKey> For(string? issuer, string? kid) =>
        issuer is not null && kid is not null && byIssuer.TryGetValue(issuer, out var entry)
            ? entry.Keys.Where(k => k.KeyId == kid)
            : [];

    [LoggerMessage(10, LogLevel.Warning, "JWK Set of trusted client {Issuer} could not be fetched ({Error}); the keys held keep working, the next try is in 30 s or later")]
    private static partial void LogFetchFailed(ILogger logger, string issuer, string error);

    private sealed class Entry
    {
        public ConfigurationManager<JsonWebKeySet>? Manager { get; set; }

        public IReadOnlyList<SecurityKey> Keys { get; set; } = [];

        public DateTimeOffset LastForced { get; set; } = DateTimeOffset.MinValue;

        public DateTimeOffset LastFailure { get; set; } = DateTimeOffset.MinValue;
    }

    private sealed class JwksRetriever : IConfigurationRetriever<JsonWebKeySet>
    {
        public async Task<JsonWebKeySet> GetConfigurationAsync(string address, IDocumentRetriever retriever, CancellationToken cancel) =>
            new(await retriever.GetDocumentAsync(address, cancel).ConfigureAwait(false));
    }
}
