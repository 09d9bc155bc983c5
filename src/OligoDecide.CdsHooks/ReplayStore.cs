using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Caching.Distributed;

namespace OligoDecide.CdsHooks;

/// <summary>Remembers the ids (<c>iss</c> + <c>jti</c>) of tokens used, until each token expires, so a captured token cannot be replayed.</summary>
internal interface IReplayStore
{
    /// <summary>Records the id; false when it was already used (or the store is full and cannot record it).</summary>
    Task<bool> TryUseAsync(string key, DateTimeOffset expires, CancellationToken cancel);
}

/// <summary>
/// One process's memory, bounded: expired entries are dropped, and when <see cref="CdsHooksOptions.MaxReplayEntries"/>
/// live tokens are held a new token is refused (fail closed) rather than forgotten.
/// </summary>
internal sealed class MemoryReplayStore(CdsHooksOptions options, TimeProvider time) : IReplayStore
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> used = new(StringComparer.Ordinal);
    private readonly Lock sweep = new();
    private DateTimeOffset nextSweep = DateTimeOffset.MinValue;

    public int Count => used.Count;

    public Task<bool> TryUseAsync(string key, DateTimeOffset expires, CancellationToken cancel)
    {
        var now = time.GetUtcNow();
        if (now >= nextSweep || used.Count >= options.MaxReplayEntries)
        {
            lock (sweep)
            {
                foreach (var (k, exp) in used)
                {
                    if (exp < now)
                    {
                        used.TryRemove(k, out _);
                    }
                }

                nextSweep = now.AddSeconds(10);
            }
        }

        if (used.Count >= options.MaxReplayEntries)
        {
            return Task.FromResult(false);
        }

        return Task.FromResult(used.TryAdd(key, expires));
    }
}

/// <summary>
/// A store shared by replicas (<see cref="IDistributedCache"/>, e.g. Redis): each entry expires with its token.
/// IDistributedCache has no atomic add, so a token sent to two replicas within one cache round trip of each
/// other can pass both; a replay later than that is refused.
/// </summary>
internal sealed class DistributedReplayStore(IDistributedCache cache, TimeProvider time) : IReplayStore
{
    private const string Prefix = "jti:";

    public async Task<bool> TryUseAsync(string key, DateTimeOffset expires, CancellationToken cancel)
    {
        var k = Prefix + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(key)));
        if (await cache.GetAsync(k, cancel).ConfigureAwait(false) is not null)
        {
            return false;
        }

        var ttl = expires - time.GetUtcNow();
        await cache.SetAsync(k, [1], new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = ttl > TimeSpan.FromSeconds(1) ? ttl : TimeSpan.FromSeconds(1) }, cancel).ConfigureAwait(false);
        return true;
    }
}
