namespace OligoDecide.CdsHooks;

/// <summary>Configuration section <c>CdsHooks</c>.</summary>
public sealed class CdsHooksOptions
{
    /// <summary>
    /// The service's discovery URL as the CDS client calls it, e.g. https://cds.example.org/cds-services.
    /// A token's <c>aud</c> may be this URL or the URL of the service itself (this URL + <c>/oligodecide-patient-view</c>),
    /// as the CDS Hooks specification's example has it.
    /// </summary>
    public string? Audience { get; set; }

    /// <summary>The CDS clients allowed to call, each with its issuer, keys and FHIR servers.</summary>
    public List<TrustedClient> TrustedClients { get; set; } = [];

    /// <summary>Longest accepted token lifetime (exp − iat, and exp − now). Default 5 minutes, as CDS Hooks recommends short-lived tokens.</summary>
    public TimeSpan MaxTokenLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Development only: accept calls without a token. Never on by default, and refused outside the
    /// Development environment.
    /// </summary>
    public bool DisableAuthentication { get; set; }

    /// <summary>A rule set folder; null uses the embedded default rule set.</summary>
    public string? RulesDirectory { get; set; }

    /// <summary>The largest request body read, in bytes, counted on the stream (chunked bodies included). Default 4 MiB.</summary>
    public long MaxRequestBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>The most FHIR resources one request (prefetch plus fetched pages) may hold. Default 2,000.</summary>
    public int MaxResources { get; set; } = 2000;

    /// <summary>How long all FHIR queries of one request may take together. Default 10 seconds.</summary>
    public TimeSpan FhirTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The largest FHIR response read, in bytes. Default 4 MiB.</summary>
    public long MaxFhirResponseBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>The most search pages fetched per prefetch key (the first included). Default 5.</summary>
    public int MaxSearchPages { get; set; } = 5;

    /// <summary>How often a client's JWK Set is fetched again while it works. Default 1 hour.</summary>
    public TimeSpan JwksRefreshInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// The shortest time between two fetches of a JWK Set forced by a token with an unknown <c>kid</c>, or after a
    /// failed fetch. Default 5 minutes: forged tokens cannot make the service fetch more often than this.
    /// </summary>
    public TimeSpan JwksMinimumRefreshInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long one JWK Set fetch may take. Default 5 seconds.</summary>
    public TimeSpan JwksTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The most token ids the in-memory replay store holds; when full, new tokens are refused until entries expire. Default 100,000.</summary>
    public int MaxReplayEntries { get; set; } = 100_000;

    /// <summary>
    /// A Redis configuration string (e.g. <c>redis-1:6379,password=…</c>) for the replay store shared by replicas
    /// behind a load balancer; null keeps token ids in this process's memory only.
    /// </summary>
    public string? ReplayRedis { get; set; }
}

/// <summary>A CDS client trusted to call the service.</summary>
public sealed class TrustedClient
{
    /// <summary>The client's JWT issuer (<c>iss</c>).</summary>
    public string Issuer { get; set; } = string.Empty;

    /// <summary>The client's public keys as a JSON Web Key Set document (inline).</summary>
    public string? Jwks { get; set; }

    /// <summary>
    /// Where the client publishes its JWK Set (https outside Development); fetched, refreshed every
    /// <see cref="CdsHooksOptions.JwksRefreshInterval"/>, and when <see cref="Jwks"/> is not given.
    /// </summary>
    public string? JwksUrl { get; set; }

    /// <summary>
    /// The FHIR base URLs this client may send as <c>fhirServer</c> (https outside Development). The service
    /// fetches only from these, and sends the client's access token only to them. Empty: never fetch.
    /// </summary>
    public List<string> FhirServers { get; set; } = [];
}
