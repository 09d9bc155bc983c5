using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OligoDecide.Engine;

namespace OligoDecide.DependencyInjection;

/// <summary>Registers OligoDecide in a Microsoft.Extensions.DependencyInjection container.</summary>
public static class OligoDecideServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IOligoDecideEngine"/> as a singleton, also resolvable as
    /// <see cref="IReloadingOligoDecideEngine"/> to observe rule set reloads. Options are validated when the host
    /// starts (ValidateOnStart): a missing rules folder or an invalid rule set fails the start with
    /// every finding listed, rather than at the first patient.
    /// </summary>
    public static IServiceCollection AddOligoDecide(this IServiceCollection services, Action<OligoDecideOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var builder = services.AddOptions<OligoDecideOptions>();
        if (configure is not null)
        {
            builder.Configure(configure);
        }

        builder.Validate(o => !o.WatchForChanges || o.RulesDirectory is not null, "WatchForChanges requires RulesDirectory.")
            .Validate(o => o.RulesDirectory is null || Directory.Exists(o.RulesDirectory), "RulesDirectory does not exist.")
            .Validate(o => o.ReloadDelay >= TimeSpan.Zero, "ReloadDelay must not be negative.")
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<OligoDecideOptions>, RuleSetValidation>());

        services.TryAddSingleton<ReloadingEngine>(sp => new ReloadingEngine(
            sp.GetRequiredService<IOptions<OligoDecideOptions>>().Value,
            sp.GetService<ILogger<ReloadingEngine>>() ?? NullLogger<ReloadingEngine>.Instance));
        services.TryAddSingleton<IOligoDecideEngine>(sp => sp.GetRequiredService<ReloadingEngine>());
        services.TryAddSingleton<IReloadingOligoDecideEngine>(sp => sp.GetRequiredService<ReloadingEngine>());
        return services;
    }

    /// <summary>Fails start-up when the rules folder's rule set does not load, listing its errors (file:line:col, message).</summary>
    private sealed class RuleSetValidation : IValidateOptions<OligoDecideOptions>
    {
        public ValidateOptionsResult Validate(string? name, OligoDecideOptions options)
        {
            if (options.RulesDirectory is null || !Directory.Exists(options.RulesDirectory))
            {
                return ValidateOptionsResult.Skip;
            }

            var result = Rules.RuleSet.Load(options.RulesDirectory);
            return result.IsValid
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail(["The rule set in RulesDirectory does not load:", .. result.Findings.Where(f => f.Severity == Severity.Error).Select(f => f.ToString())]);
        }
    }
}
