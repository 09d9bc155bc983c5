using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;

namespace OligoDecide.CdsHooks.Tests;

/// <summary>Issue 15 item 9: the replay store is bounded, forgets a token when it expires, and can be shared by replicas.</summary>
public sealed class ReplayStoreTests
{
    [Test]
    public async Task Memory_Full_RefusesNewTokensUntilEntriesExpire()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));
        var store = new MemoryReplayStore(new CdsHooksOptions { MaxReplayEntries = 2 }, clock);
        var exp = clock.GetUtcNow().AddMinutes(5);
        Assert.Multiple(async () =>
        {
            Assert.That(await store.TryUseAsync("a", exp, default), Is.True);
            Assert.That(await store.TryUseAsync("a", exp, default), Is.False, "replay");
            Assert.That(await store.TryUseAsync("b", exp, default), Is.True);
            Assert.That(await store.TryUseAsync("c", exp, default), Is.False, "full: fail closed");
        });

        clock.Now = exp.AddSeconds(1);
        Assert.Multiple(async () =>
        {
            Assert.That(await store.TryUseAsync("c", clock.Now.AddMinutes(5), default), Is.True, "expired entries were dropped");
            Assert.That(store.Count, Is.EqualTo(1));
        });
    }

    /// <summary>
    /// Two host instances sharing one real Redis server (.ci/run installs and starts redis-server and sets
    /// OLIGODECIDE_TEST_REDIS): a token used on the first is refused by the second.
    /// </summary>
    [Test]
    public async Task Redis_TokenUsedOnOneInstance_IsRefusedByAnother()
    {
        var redis = Environment.GetEnvironmentVariable("OLIGODECIDE_TEST_REDIS") ?? "127.0.0.1:6379";
        if (!Reachable(redis))
        {
            if (Environment.GetEnvironmentVariable("OLIGODECIDE_REQUIRE_REDIS") == "1")
            {
                Assert.Fail($"OLIGODECIDE_REQUIRE_REDIS is set but no Redis server is reachable at {redis}");
            }

            Assert.Ignore($"no Redis server reachable at {redis}; .ci/run starts one");
        }

        using var first = new CdsHooksFactory();
        using var second = new CdsHooksFactory();
        first.Settings["CdsHooks:ReplayRedis"] = redis;
        second.Settings["CdsHooks:ReplayRedis"] = redis;
        second.Settings["CdsHooks:TrustedClients:0:Jwks"] = first.Jwks();
        var token = first.Token(jti: Guid.NewGuid().ToString());

        var a = await Post(first, token);
        var b = await Post(second, token);
        var c = await Post(second, first.Token());
        Assert.Multiple(() =>
        {
            Assert.That(a, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(b, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(c, Is.EqualTo(HttpStatusCode.OK), "a fresh token still passes on the second instance");
        });
    }

    private static bool Reachable(string endpoint)
    {
        var parts = endpoint.Split(',')[0].Split(':');
        try
        {
            using var tcp = new TcpClient();
            return tcp.ConnectAsync(parts[0], int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture)).Wait(TimeSpan.FromSeconds(2));
        }
        catch (AggregateException)
        {
            return false;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static async Task<HttpStatusCode> Post(CdsHooksFactory factory, string token)
    {
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/cds-services/oligodecide-patient-view")
        {
            Content = new StringContent(PatientViewTests.Request("synchronous-egfr.json"), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return (await client.SendAsync(request)).StatusCode;
    }

    private sealed class ManualClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
