using System.Text.Json;
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
            .ValidateOnStart();
        builder.Services.AddSingleton(sp => sp.GetRequiredService<IOptions<CdsHooksOptions>>().Value);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<JtiReplayCache>();
        builder.Services.AddSingleton<TrustedKeys>();
        builder.Services.AddHttpClient();
        builder.Services.AddProblemDetails();
        builder.Services.AddOligoDecide();
        builder.Services.AddOptions<OligoDecideOptions>().Configure<IOptions<CdsHooksOptions>>((o, cds) => o.RulesDirectory = cds.Value.RulesDirectory);
        builder.Services.AddSingleton<PatientViewService>();
        builder.AddOperations();

        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<CdsHooksOptions>, TrustedKeys>((jwt, cds, keys) => ConfigureJwt(jwt, cds.Value, keys));
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

    private static void ConfigureJwt(JwtBearerOptions jwt, CdsHooksOptions options, TrustedKeys keys)
    {
        jwt.MapInboundClaims = false;
        jwt.TokenValidationParameters = new TokenValidationParameters
        {
            ValidateIssuer = true,
            ValidIssuers = options.TrustedClients.Select(c => c.Issuer).ToList(),
            ValidateAudience = true,
            ValidAudience = options.Audience,
            RequireExpirationTime = true,
            ValidateLifetime = true,
            RequireSignedTokens = true,
            ClockSkew = TimeSpan.FromSeconds(30),
            IssuerSigningKeyResolver = (_, token, _, _) => keys.For((token as JsonWebToken)?.Issuer),
        };
        jwt.Events = new JwtBearerEvents
        {
            OnTokenValidated = ctx =>
            {
                var token = (JsonWebToken)ctx.SecurityToken;
                var time = ctx.HttpContext.RequestServices.GetRequiredService<TimeProvider>();
                var replay = ctx.HttpContext.RequestServices.GetRequiredService<JtiReplayCache>();
                if (string.IsNullOrEmpty(token.Id))
                {
                    ctx.Fail("the token has no jti");
                }
                else if (token.IssuedAt == DateTime.MinValue || token.ValidTo - token.IssuedAt > options.MaxTokenLifetime)
                {
                    ctx.Fail("the token lifetime is missing or too long");
                }
                else if (!replay.TryUse(token.Issuer + "|" + token.Id, token.ValidTo, time.GetUtcNow()))
                {
                    ctx.Fail("the token was already used (jti replay)");
                }

                return Task.CompletedTask;
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
