using System.Text.Json;
using System.Text.Json.Serialization;

namespace OligoDecide.Output;

/// <summary>
/// System.Text.Json spelling of the public enums (states, categories, rule kinds, study designs): the
/// kebab-case ids of the documents and the decision JSON, e.g. <c>synchronous-oligometastatic</c>.
/// <see cref="JsonNamingPolicy.KebabCaseLower"/> gives the same spelling as the documents' own
/// kebab-casing for every member of these enums (a test checks each); numbers are refused on reading.
/// </summary>
/// <typeparam name="T">The enum.</typeparam>
public sealed class KebabCaseEnumConverter<T> : JsonStringEnumConverter<T>
    where T : struct, Enum
{
    /// <summary>Creates the converter.</summary>
    public KebabCaseEnumConverter()
        : base(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false)
    {
    }
}
