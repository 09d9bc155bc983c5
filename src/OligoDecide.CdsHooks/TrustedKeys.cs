using System.Collections.Concurrent;
using Microsoft.IdentityModel.Tokens;

namespace OligoDecide.CdsHooks;

/// <summary>The signing keys of each trusted CDS client, from inline JWKS or a fetched (and cached) JWKS URL.</summary>
internal sealed class TrustedKeys(CdsHooksOptions options, IHttpClientFactory http)
{
    private readonly ConcurrentDictionary<string, IReadOnlyList<SecurityKey>> cache = new(StringComparer.Ordinal);

    public IEnumerable<SecurityKey> For(string? issuer)
    {
        var client = options.TrustedClients.Find(c => c.Issuer == issuer);
        if (client is null)
        {
            return [];
        }

        return cache.GetOrAdd(client.Issuer, _ =>
        {
            var json = client.Jwks ?? (client.JwksUrl is null ? null : http.CreateClient("jwks").GetStringAsync(new Uri(client.JwksUrl)).GetAwaiter().GetResult());
            return json is null ? [] : [.. new JsonWebKeySet(json).GetSigningKeys()];
        });
    }
}

/// <summary>Remembers token ids until they expire, so a captured token cannot be replayed.</summary>
internal sealed class JtiReplayCache
{
    private readonly ConcurrentDictionary<string, DateTime> used = new(StringComparer.Ordinal);

    public bool TryUse(string key, DateTime expiresUtc, DateTimeOffset now)
    {
        foreach (var (k, exp) in used)
        {
            if (exp < now.UtcDateTime)
            {
                used.TryRemove(k, out _);
            }
        }

        return used.TryAdd(key, expiresUtc);
    }
}
