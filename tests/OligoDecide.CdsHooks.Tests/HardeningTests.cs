using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace OligoDecide.CdsHooks.Tests;

/// <summary>Issue 15, CDS Hooks service: each attack that once worked, now refused.</summary>
public sealed class HardeningTests
{
    private const string Endpoint = "/cds-services/oligodecide-patient-view";
    private CdsHooksFactory factory = null!;

    [SetUp]
    public void SetUp() => factory = new CdsHooksFactory();

    [TearDown]
    public void TearDown() => factory.Dispose();

    [Test]
    public async Task Token_IssuedTenYearsAhead_Is401()
    {
        var response = await Post(PatientViewTests.Request("synchronous-egfr.json"), factory.Token(issuedAt: DateTime.UtcNow.AddYears(10)));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task Token_IssuedWithinTheSkew_IsAccepted()
    {
        var response = await Post(PatientViewTests.Request("synchronous-egfr.json"), factory.Token(issuedAt: DateTime.UtcNow.AddSeconds(10)));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Token_WithoutKid_Is401()
    {
        var response = await Post(PatientViewTests.Request("synchronous-egfr.json"), factory.Token(kid: null));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [TestCase(CdsHooksFactory.Audience)]
    [TestCase(CdsHooksFactory.Audience + "/")]
    [TestCase(CdsHooksFactory.Audience + "/oligodecide-patient-view")]
    public async Task Token_AudienceDiscoveryOrServiceUrl_IsAccepted(string audience)
    {
        var response = await Post(PatientViewTests.Request("synchronous-egfr.json"), factory.Token(audience: audience));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Token_AudienceOfAnotherService_Is401()
    {
        var response = await Post(PatientViewTests.Request("synchronous-egfr.json"), factory.Token(audience: CdsHooksFactory.Audience + "/other-service"));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [TestCase("hook-1")]
    [TestCase("d1577c69-dfbe-44ad-ba6d-3e05e953b2ea\nforged log line")]
    [TestCase("")]
    public async Task HookInstance_NotAUuid_Is400AndNotLogged(string hookInstance)
    {
        var body = JsonNode.Parse(PatientViewTests.Request("synchronous-egfr.json"))!;
        body["hookInstance"] = hookInstance;
        var response = await Post(body.ToJsonString(), factory.Token());
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(string.Join("\n", factory.Logs), Does.Not.Contain("forged log line"));
        });
    }

    /// <summary>The nine wrong shapes that answered 500.</summary>
    [TestCase("""{"context": "patient-123"}""")]
    [TestCase("""{"context": ["patient-123"]}""")]
    [TestCase("""{"fhirAuthorization": ["abc"], "fhirServer": "https://fhir.example.test/r4"}""")]
    [TestCase("""{"fhirAuthorization": {"access_token": 12345}, "fhirServer": "https://fhir.example.test/r4"}""")]
    [TestCase("""{"prefetch": {"patient": {"resourceType": 42}}}""")]
    [TestCase("""{"prefetch": {"conditions": {"resourceType": "Bundle", "entry": {"resource": {"resourceType": "Condition"}}}}}""")]
    [TestCase("""{"fhirServer": "/fhir", "prefetch": null}""")]
    [TestCase("""{"fhirServer": "file:///etc/passwd", "prefetch": null}""")]
    [TestCase("""{"fhirServer": "ftp://fhir.example.test/r4", "prefetch": null}""")]
    public async Task WrongShape_Is400Or422ProblemDetails(string patch)
    {
        var body = JsonNode.Parse(PatientViewTests.Request("synchronous-egfr.json"))!.AsObject();
        foreach (var (key, value) in JsonNode.Parse(patch)!.AsObject())
        {
            if (key == "prefetch" && value is JsonObject p)
            {
                foreach (var (k, v) in p)
                {
                    body["prefetch"]![k] = v?.DeepClone();
                }
            }
            else
            {
                body[key] = value?.DeepClone();
            }
        }

        var response = await Post(body.ToJsonString(), factory.Token());
        Assert.Multiple(() =>
        {
            Assert.That((int)response.StatusCode, Is.AnyOf(400, 422));
            Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/problem+json"));
        });
    }

    [Test]
    public async Task ChunkedBodyOverTheLimit_Is413WithoutReadingItAll()
    {
        factory.Settings["CdsHooks:MaxRequestBytes"] = "100000";
        var chunk = Encoding.UTF8.GetBytes(new string(' ', 10_000));
        var content = new UnknownLengthContent(chunk, 50);
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, Endpoint) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", factory.Token());
        var response = await client.SendAsync(request);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
    }

    [Test]
    public async Task BodyLimit_CountedOnTheStream_StopsReadingSoonAfterTheLimit()
    {
        using var endless = new CountingStream(10_000_000);
        var body = await PatientViewService.ReadLimited(endless, 100_000, CancellationToken.None);
        Assert.Multiple(() =>
        {
            Assert.That(body, Is.Null);
            Assert.That(endless.Position, Is.LessThan(100_000 + 81_920 + 1));
        });
    }

    [Test]
    public async Task MoreResourcesThanTheCap_Is422()
    {
        factory.Settings["CdsHooks:MaxResources"] = "20";
        var body = JsonNode.Parse(PatientViewTests.Request("synchronous-egfr.json"))!;
        var entries = body["prefetch"]!["observations"]!["entry"]!.AsArray();
        var first = entries[0]!;
        for (var i = 0; i < 30; i++)
        {
            entries.Add(first.DeepClone());
        }

        var response = await Post(body.ToJsonString(), factory.Token());
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
    }

    [Test]
    public async Task FhirServerNotOnTheAllowList_Is412AndNothingIsFetched()
    {
        var seen = new List<Uri>();
        factory.FhirServer = r =>
        {
            seen.Add(r.RequestUri!);
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("""{"resourceType":"Bundle","type":"searchset"}""") };
        };
        var body = NoPrefetch("https://attacker.example.test/r4");
        var response = await Post(body, factory.Token());
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.PreconditionFailed));
            Assert.That(seen, Is.Empty);
        });
    }

    [Test]
    public async Task FhirRedirectToAnotherHost_IsNotFollowedAndTheTokenStaysHome()
    {
        var seen = new List<string>();
        factory.FhirServer = r =>
        {
            seen.Add(r.RequestUri!.Host + " " + r.Headers.Authorization);
            var redirect = new HttpResponseMessage(HttpStatusCode.Found);
            redirect.Headers.Location = new Uri("https://attacker.example.test/steal");
            return redirect;
        };
        var response = await Post(NoPrefetch(CdsHooksFactory.FhirBase), factory.Token());
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.PreconditionFailed));
            Assert.That(seen, Is.Not.Empty);
            Assert.That(seen, Has.All.StartsWith("fhir.example.test Bearer secret-token"));
        });
    }

    [Test]
    public async Task FhirResponseOverTheSizeCap_Is412()
    {
        factory.Settings["CdsHooks:MaxFhirResponseBytes"] = "100000";
        factory.FhirServer = _ => new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StringContent("""{"resourceType":"Bundle","type":"searchset","entry":[]""" + new string(' ', 200_000) + "}"),
        };
        var response = await Post(NoPrefetch(CdsHooksFactory.FhirBase), factory.Token());
        var text = await response.Content.ReadAsStringAsync();
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.PreconditionFailed));
            Assert.That(text, Does.Contain("size limit"));
        });
    }

    [Test]
    public async Task FhirServerTooSlow_Is412WithinTheTimeout()
    {
        factory.Settings["CdsHooks:FhirTimeout"] = "00:00:01";
        factory.FhirServer = _ =>
        {
            Thread.Sleep(3000);
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("""{"resourceType":"Bundle","type":"searchset"}""") };
        };
        var response = await Post(NoPrefetch(CdsHooksFactory.FhirBase), factory.Token());
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.PreconditionFailed));
    }

    [Test]
    public async Task FetchedFromFhir_LogsCarryNoPatientIdOrUrl()
    {
        factory.FhirServer = r => new HttpResponseMessage(HttpStatusCode.InternalServerError);
        await Post(NoPrefetch(CdsHooksFactory.FhirBase), factory.Token());
        var logs = string.Join("\n", factory.Logs);
        Assert.Multiple(() =>
        {
            Assert.That(logs, Does.Contain(PatientViewTests.HookInstance));
            Assert.That(logs, Does.Not.Contain("patient-123"));
            Assert.That(logs, Does.Not.Contain("fhir.example.test"));
        });
    }

    [Test]
    public async Task Jwks_FetchedFromUrl_ValidTokenAccepted_UnknownKidsAndFailuresDoNotForceFetches()
    {
        factory.Settings["CdsHooks:TrustedClients:0:JwksUrl"] = "https://keys.example.test/jwks";
        var fetches = 0;
        factory.KeyHost = _ =>
        {
            Interlocked.Increment(ref fetches);
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(factory.Jwks()) };
        };
        var ok = await Post(PatientViewTests.Request("synchronous-egfr.json"), factory.Token());
        Assert.That(ok.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        for (var i = 0; i < 20; i++)
        {
            var forged = await Post(PatientViewTests.Request("synchronous-egfr.json"), factory.Token(otherKey: true, kid: "forged-" + i));
            Assert.That(forged.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        }

        // The first load, and at most one refresh asked for by an unknown kid (then rate-limited).
        Assert.That(fetches, Is.InRange(1, 2));
    }

    [Test]
    public async Task Jwks_KeyHostFailing_IsAskedOnceNotOncePerToken()
    {
        factory.Settings["CdsHooks:TrustedClients:0:JwksUrl"] = "https://keys.example.test/jwks";
        var fetches = 0;
        factory.KeyHost = _ =>
        {
            Interlocked.Increment(ref fetches);
            return new HttpResponseMessage(HttpStatusCode.InternalServerError);
        };
        for (var i = 0; i < 10; i++)
        {
            var response = await Post(PatientViewTests.Request("synchronous-egfr.json"), factory.Token());
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        }

        // One fetch (which the retriever may retry once), not one per token.
        Assert.That(fetches, Is.InRange(1, 2));
    }

    [Test]
    public async Task Jwks_RedirectToAnotherHost_IsNotFollowed()
    {
        factory.Settings["CdsHooks:TrustedClients:0:JwksUrl"] = "https://keys.example.test/jwks";
        var hosts = new List<string>();
        factory.KeyHost = r =>
        {
            hosts.Add(r.RequestUri!.Host);
            var redirect = new HttpResponseMessage(HttpStatusCode.MovedPermanently);
            redirect.Headers.Location = new Uri("https://attacker.example.test/jwks");
            return redirect;
        };
        var response = await Post(PatientViewTests.Request("synchronous-egfr.json"), factory.Token());
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(hosts, Is.EqualTo(new[] { "keys.example.test" }));
        });
    }

    [Test]
    public void Jwks_PlainHttpOutsideDevelopment_RefusesToStart()
    {
        factory.Settings["CdsHooks:TrustedClients:0:JwksUrl"] = "http://keys.example.test/jwks";
        var ex = Assert.Catch(() => factory.CreateClient());
        Assert.That(ex!.ToString(), Does.Contain("JwksUrl must be an absolute https URL"));
    }

    private string NoPrefetch(string server)
    {
        var body = JsonNode.Parse(PatientViewTests.Request("synchronous-egfr.json"))!.AsObject();
        body.Remove("prefetch");
        body["fhirServer"] = server;
        body["fhirAuthorization"] = new JsonObject { ["access_token"] = "secret-token", ["token_type"] = "Bearer", ["expires_in"] = 300, ["scope"] = "patient/*.read", ["subject"] = "oligodecide" };
        return body.ToJsonString();
    }

    private async Task<HttpResponseMessage> Post(string body, string? token)
    {
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, Endpoint) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await client.SendAsync(request);
    }

    /// <summary>A non-seekable stream of <c>length</c> bytes that counts what was read.</summary>
    private sealed class CountingStream(long length) : Stream
    {
        private long read;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => read; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(Math.Min(count, 4096), length - read);
            Array.Fill(buffer, (byte)' ', offset, n);
            read += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    /// <summary>A body sent chunked (no Content-Length), counting what the server pulled.</summary>
    private sealed class UnknownLengthContent(byte[] chunk, int count) : HttpContent
    {
        public long Written { get; private set; }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            for (var i = 0; i < count; i++)
            {
                await stream.WriteAsync(chunk);
                Written += chunk.Length;
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
