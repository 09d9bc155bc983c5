namespace OligoDecide.CdsHooks;

/// <summary>Configuration section <c>CdsHooks</c>.</summary>
public sealed class CdsHooksOptions
{
    /// <summary>The service's own URL as the CDS client calls it (the JWT <c>aud</c>), e.g. https://cds.example.org/cds-services.</summary>
    public string? Audience { get; set; }

    /// <summary>The CDS clients allowed to call, each with its issuer and keys.</summary>
    public List<TrustedClient> TrustedClients { get; set; } = [];

    /// <summary>Longest accepted token lifetime (exp − iat). Default 5 minutes, as CDS Hooks recommends short-lived tokens.</summary>
    public TimeSpan MaxTokenLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Development only: accept calls without a token. Never on by default, and refused outside the
    /// Development environment.
    /// </summary>
    public bool DisableAuthentication { get; set; }

    /// <summary>A rule set folder; null uses the embedded default rule set.</summary>
    public string? RulesDirectory { get; set; }
}

/// <summary>A CDS client trusted to call the service.</summary>
public sealed class TrustedClient
{
    /// <summary>The client's JWT issuer (<c>iss</c>).</summary>
    public string Issuer { get; set; } = string.Empty;

    /// <summary>The client's public keys as a JSON Web Key Set document (inline).</summary>
    public string? Jwks { get; set; }

    /// <summary>Where the client publishes its JWK Set; fetched and cached when <see cref="Jwks"/> is not given.</summary>
    public string? JwksUrl { get; set; }
}
