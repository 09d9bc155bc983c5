using System.Text.Json;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Microsoft.Extensions.Options;
using OligoDecide.DependencyInjection;

namespace OligoDecide.CdsHooks;

/// <summary>Builds the CDS Hooks web application: discovery, the patient-view service, JWT authentication.</summary>
public static class CdsHooksApp
{
    /// <summary>The service id of the patient-view hook.</summary>
    public const string ServiceId = "oligodecide-patient-view";

    /// <summary>Creates the application from command-line arguments and configuration (section <c>CdsHooks</c>).</summary>
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        var isDevelopment = builder.Environment.IsDevelopment();
        builder.Services.AddOptions<CdsHooksOptions>()
            .Bind(builder.Configuration.GetSection("CdsHooks"))
            .Validate(o => !o.DisableAuthentication || isDevelopment, "CdsHooks:DisableAuthentication is allowed only in the Development environment.")
            .Validate(o => o.DisableAuthentication || (o.Audience is not null && o.TrustedClients.Count > 0),
                "Configure CdsHooks:Audience and at least one CdsHooks:TrustedClients entry (Issuer and Jwks or JwksUrl).")
            .Validate(o => o.TrustedClients.TrueForAll(c => c.Issuer.Length > 0 && (c.Jwks is not null || c.JwksUrl is not null)),
                "Every CdsHooks:TrustedClients entry needs an Issuer and Jwks or JwksUrl.")
            .Validate(o => o.TrustedClients.TrueForAll(c => c.JwksUrl is null || IsAllowedUrl(c.JwksUrl, isDevelopment)),
                "CdsHooks:TrustedClients JwksUrl must be an absolute https URL (http only in Development).")
            .Validate(o => o.TrustedClients.TrueForAll(c => c.FhirServers.TrueForAll(u => IsAllowedUrl(u, isDevelopment))),
                "CdsHooks:TrustedClients FhirServers must be absolute https URLs (http only in Development).")
            .ValidateOnStart();
        builder.Services.AddSingleton(sp => sp.GetRequiredService<IOptions<CdsHooksOptions>>().Value);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<TrustedKeys>();
        builder.Services.AddSingleton<FhirFetcher>();
        var redis = builder.Configuration["CdsHooks:ReplayRedis"];
        if (string.IsNullOrEmpty(redis))
        {
            builder.Services.AddSingleton<IReplayStore, MemoryReplayStore>();
        }
        else
        {
            builder.Services.AddStackExchangeRedisCache(o =>
            {
                o.Configuration = redis;
                o.InstanceName = "oligodecide:";
            });
            builder.Services.AddSingleton<IReplayStore, DistributedReplayStore>();
        }

        // Neither client logs request URLs (a FHIR URL carries the patient id): RemoveAllLoggers drops the
        // HttpClient factory's request logging. Redirects: same host only. Timeouts and size caps per client.
        builder.Services.AddHttpClient(HttpClients.Jwks, (sp, c) => c.Timeout = sp.GetRequiredService<CdsHooksOptions>().JwksTimeout)
            .ConfigurePrimaryHttpMessageHandler(HttpClients.PrimaryHandler)
            .AddHttpMessageHandler(() => new SameHostRedirectHandler())
            .RemoveAllLoggers();
        builder.Services.AddHttpClient(HttpClients.Fhir, (sp, c) =>
            {
                var o = sp.GetRequiredService<CdsHooksOptions>();
                c.Timeout = Timeout.InfiniteTimeSpan; // the resilience pipeline's total timeout applies
                c.MaxResponseContentBufferSize = o.MaxFhirResponseBytes;
            })
            .ConfigurePrimaryHttpMessageHandler(HttpClients.PrimaryHandler)
            .AddHttpMessageHandler(() => new SameHostRedirectHandler())
            .RemoveAllLoggers()
            .AddStandardResilienceHandler()
            .Configure((HttpStandardResilienceOptions r, IServiceProvider sp) =>
            {
                var o = sp.GetRequiredService<CdsHooksOptions>();
                r.TotalRequestTimeout.Timeout = o.FhirTimeout;
                r.AttemptTimeout.Timeout = o.FhirTimeout / 2;
                r.CircuitBreaker.SamplingDuration = o.FhirTimeout * 2 > TimeSpan.FromSeconds(30) ? o.FhirTimeout * 2 : TimeSpan.FromSeconds(30);
                r.Retry.MaxRetryAttempts = 1;
            });
        builder.Services.AddProblemDetails();
        builder.Services.AddOligoDecide();
        builder.Services.AddOptions<OligoDecideOptions>().Configure<IOptions<CdsHooksOptions>>((o, cds) => o.RulesDirectory = cds.Value.RulesDirectory);
        builder.Services.AddSingleton<PatientViewService>();
        builder.AddOperations();

        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<CdsHooksOptions>, TrustedKeys, TimeProvider>((jwt, cds, keys, time) => ConfigureJwt(jwt, cds.Value, keys, time));
        builder.Services.AddAuthorization(o => o.AddPolicy("cds-client", p => p.RequireAssertion(ctx =>
        {
            var http = ctx.Resource as HttpContext;
            var options = http?.RequestServices.GetRequiredService<CdsHooksOptions>();
            return (options?.DisableAuthentication ?? false) || ctx.User.Identity?.IsAuthenticated == true;
        })));

        var app = builder.Build();
        app.MapOperations();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGet("/cds-services", () => Results.Json(Discovery.Document, Json.Options));
        app.MapPost("/cds-services/" + ServiceId, (HttpContext http, PatientViewService service) => service.Handle(http))
            .RequireAuthorization("cds-client");
        return app;
    }

    private static bool IsAllowedUrl(string url, bool isDevelopment) =>
        Uri.TryCreate(url, UriKind.Absolute, out var u) && (u.Scheme == Uri.UriSchemeHttps || (isDevelopment && u.Scheme == Uri.UriSchemeHttp));

    /// <summary>The audiences a token may name: the discovery URL and the service's own URL, each with or without a trailing slash.</summary>
    internal static List<string> Audiences(string? audience)
    {
        if (audience is null)
        {
            return [];
        }

        var root = audience.TrimEnd('/');
        return [root, root + "/", root + "/" + ServiceId];
    }

    private static void ConfigureJwt(JwtBearerOptions jwt, CdsHooksOptions options, TrustedKeys keys, TimeProvider time)
    {
        var skew = TimeSpan.FromSeconds(30);
        jwt.MapInboundClaims = false;
        jwt.TimeProvider = time;
        jwt.TokenValidationParameters = new TokenValidationParameters
        {
            ValidateIssuer = true,
            ValidIssuers = options.TrustedClients.Select(c => c.Issuer).ToList(),
            ValidateAudience = true,
            ValidAudiences = Audiences(options.Audience),
            RequireExpirationTime = true,
            ValidateLifetime = true,
            RequireSignedTokens = true,
            ClockSkew = skew,
            IssuerSigningKeyResolver = (_, token, kid, _) => keys.For((token as JsonWebToken)?.Issuer, kid),
        };
        jwt.Events = new JwtBearerEvents
        {
            OnMessageReceived = async ctx =>
            {
                // Load (or, for an unknown kid, refresh at a limited rate) the issuer's keys before validation,
                // asynchronously: the resolver above then only reads what is held.
                var header = ctx.Request.Headers.Authorization.ToString();
                if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
                {
                    var raw = header["Bearer ".Length..].Trim();
                    var handler = new JsonWebTokenHandler();
                    if (handler.CanReadToken(raw))
                    {
                        try
                        {
                            var unvalidated = handler.ReadJsonWebToken(raw);
                            await keys.PrepareAsync(unvalidated.Issuer, unvalidated.Kid, ctx.HttpContext.RequestAborted).ConfigureAwait(false);
                        }
                        catch (ArgumentException)
                        {
                            // Not a JWT: validation below refuses it.
                        }
                    }
                }
            },
            OnTokenValidated = async ctx =>
            {
                var token = (JsonWebToken)ctx.SecurityToken;
                var now = time.GetUtcNow().UtcDateTime;
                var replay = ctx.HttpContext.RequestServices.GetRequiredService<IReplayStore>();
                if (string.IsNullOrEmpty(token.Kid))
                {
                    ctx.Fail("the token has no kid");
                }
                else if (string.IsNullOrEmpty(token.Id))
                {
                    ctx.Fail("the token has no jti");
                }
                else if (token.IssuedAt == DateTime.MinValue || token.ValidTo - token.IssuedAt > options.MaxTokenLifetime)
                {
                    ctx.Fail("the token lifetime is missing or too long");
                }
                else if (token.IssuedAt > now + skew)
                {
                    ctx.Fail("the token was issued in the future (iat)");
                }
                else if (token.ValidTo - now > options.MaxTokenLifetime + skew)
                {
                    ctx.Fail("the token expires too far in the future (exp)");
                }
                else if (!await replay.TryUseAsync(token.Issuer + "|" + token.Id, new DateTimeOffset(token.ValidTo, TimeSpan.Zero) + skew, ctx.HttpContext.RequestAborted).ConfigureAwait(false))
                {
                    ctx.Fail("the token was already used (jti replay)");
                }
            },
            OnChallenge = async ctx =>
            {
                ctx.HandleResponse();
                await Problems.Write(ctx.Response, StatusCodes.Status401Unauthorized, "Unauthorized",
                    "A valid bearer JWT from a trusted CDS client is required (iss, aud, exp, jti).").ConfigureAwait(false);
            },
        };
    }
}

/// <summary>JSON settings for CDS Hooks: camelCase, nulls omitted (the spec forbids null and empty values).</summary>
internal static class Json
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}

/// <summary>RFC 7807 problem details, never carrying patient data.</summary>
internal static class Problems
{
    public static Task Write(HttpResponse response, int status, string title, string detail)
    {
        response.StatusCode = status;
        response.ContentType = "application/problem+json";
        return response.WriteAsync(JsonSerializer.Serialize(new { type = "about:blank", title, status, detail }, Json.Options));
    }

    public static IResult Result(int status, string title, string detail) =>
        Results.Json(new { type = "about:blank", title, status, detail }, Json.Options, "application/problem+json", status);
}
