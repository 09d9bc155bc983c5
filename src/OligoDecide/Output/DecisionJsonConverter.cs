using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using OligoDecide.Classification;
using OligoDecide.Documents;
using OligoDecide.Engine;
using OligoDecide.Evidence;
using OligoDecide.Rules;

namespace OligoDecide.Output;

/// <summary>
/// System.Text.Json reads and writes a <see cref="Decision"/> as the documented decision JSON (the
/// bytes <see cref="JsonOutput.Write(Decision)"/> writes, whatever the serializer's naming policy):
/// ASP.NET Core's <c>Results.Ok(decision)</c>, <c>JsonSerializer.Serialize(decision)</c> and the
/// source-generated <see cref="OligoDecideJsonContext"/> all give the contract, and read it back.
/// A document that does not have the contract's shape fails with a <see cref="JsonException"/> naming the key.
/// </summary>
public sealed class DecisionJsonConverter : JsonConverter<Decision>
{
    /// <inheritdoc />
    public override Decision Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var doc = JsonDocument.ParseValue(ref reader);
        return JsonInput.ReadDecision(doc.RootElement);
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, Decision value, JsonSerializerOptions options) => JsonOutput.WriteDecision(writer, value);
}

/// <summary>System.Text.Json reads and writes a <see cref="ClassificationResult"/> as the documented classification JSON (see <see cref="DecisionJsonConverter"/>).</summary>
public sealed class ClassificationJsonConverter : JsonConverter<ClassificationResult>
{
    /// <inheritdoc />
    public override ClassificationResult Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var doc = JsonDocument.ParseValue(ref reader);
        return JsonInput.ReadClassification(doc.RootElement);
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, ClassificationResult value, JsonSerializerOptions options) => JsonOutput.WriteClassification(writer, value);
}

/// <summary>
/// Source-generated System.Text.Json metadata for OligoDecide's results (trimming- and AOT-safe). Add it to
/// ASP.NET Core with <c>options.SerializerOptions.TypeInfoResolverChain.Insert(0, OligoDecideJsonContext.Default)</c>.
/// </summary>
[JsonSerializable(typeof(Decision))]
[JsonSerializable(typeof(ClassificationResult))]
[JsonSerializable(typeof(OligometastaticState))]
[JsonSerializable(typeof(StateCategory))]
public sealed partial class OligoDecideJsonContext : JsonSerializerContext;

/// <summary>Reads the decision JSON back into the model; the inverse of <see cref="JsonOutput"/>'s decision writer.</summary>
internal static class JsonInput
{
    public static Decision ReadDecision(JsonElement e)
    {
        var ruleSet = Object(e, "ruleSet");
        var limits = Object(e, "classificationLimits");
        return new Decision(
            new RuleSetInfo(String(ruleSet, "id"), String(ruleSet, "version"), String(ruleSet, "title"), String(ruleSet, "sha256")),
            ReadClassification(Object(e, "classification")),
            Array(e, "suggestions", ReadSuggestion),
            Array(e, "couldApply", c => new CouldApply(String(c, "rule"), Enum<RuleKind>(c, "kind"), String(c, "option"), String(c, "title"),
                Array(c, "missing", m => new MissingFact(String(m, "fact"), String(m, "needed"))))),
            new ClassificationOptions
            {
                MaxLesions = Int(limits, "maxLesions"),
                MaxOrgans = Int(limits, "maxOrgans"),
                SynchronousWindowMonths = Int(limits, "synchronousWindowMonths"),
            })
        {
            // Absent in documents written before per-lesion schedules: read as none.
            LesionPlans = e.TryGetProperty("lesionSchedules", out _) ? Array(e, "lesionSchedules", ReadLesionPlan) : [],
        };
    }

    private static LesionPlan ReadLesionPlan(JsonElement p) => new(
        String(p, "option"),
        Enum<Model.TreatedLesions>(p, "treats"),
        Int(p, "lesion"),
        OptionalString(p, "organ"),
        NullableDecimal(p, "sizeMm"),
        Array(p, "schedules", ReadScheduleMatch),
        Array(p, "cautions", ReadScheduleMatch),
        Array(p, "missing", m => new MissingFact(String(m, "fact"), String(m, "needed"))))
    {
        Withheld = Property(p, "withheld", p.GetProperty("withheld").ValueKind is JsonValueKind.True ? JsonValueKind.True : JsonValueKind.False).GetBoolean(),
    };

    private static ScheduleMatch ReadScheduleMatch(JsonElement m) => new(
        String(m, "table"),
        String(m, "row"),
        String(m, "title"),
        Array(m, "dose", d => new Fractionation(
            Property(d, "totalGy", JsonValueKind.Number).GetDecimal(),
            NullableDecimal(d, "totalGyMax"),
            Int(d, "fractions"),
            NullableInt(d, "fractionsMax"),
            OptionalString(d, "rhythm") is { } r ? (KebabCase.TryParse<Rhythm>(r, out var rhythm) ? rhythm : throw new JsonException("'rhythm': unknown value")) : null)),
        OptionalString(m, "note"),
        Array(m, "evidence", ReadCitation),
        Array(m, "because", r => new Reason(String(r, "condition"), String(r, "seen"))));

    private static decimal? NullableDecimal(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDecimal() : null;

    public static ClassificationResult ReadClassification(JsonElement e) => new(
        Enum<OligometastaticState>(e, "state"),
        Enum<StateCategory>(e, "category"),
        NullableInt(e, "lesionCount"),
        NullableInt(e, "organCount"),
        Array(e, "path", s => new DecisionStep(String(s, "question"), String(s, "answer"), String(s, "basis"))),
        Array(e, "missing", s => s.GetString()!),
        Array(e, "warnings", s => s.GetString()!))
    {
        // Written only for an indeterminate state (JsonOutput); absent means "not listed".
        PossibleStates = e.TryGetProperty("possibleStates", out var possible)
            ? [.. possible.EnumerateArray().Select(s => KebabCase.TryParse<OligometastaticState>(s.GetString() ?? string.Empty, out var state)
                ? state
                : throw new JsonException("'possibleStates': unknown state"))]
            : [],
    };

    private static Suggestion ReadSuggestion(JsonElement s) => new(
        String(s, "rule"),
        Enum<RuleKind>(s, "kind"),
        String(s, "option"),
        String(s, "title"),
        String(s, "text"),
        Array(s, "dose", d => new Dose(Property(d, "totalGy", JsonValueKind.Number).GetDecimal(), Int(d, "fractions"), OptionalString(d, "target"))),
        Array(s, "evidence", ReadCitation),
        Array(s, "because", r => new Reason(String(r, "condition"), String(r, "seen"))),
        OptionalString(s, "supersededBy"));

    private static Citation ReadCitation(JsonElement c) => new()
    {
        Id = String(c, "id"),
        Title = String(c, "title"),
        Authors = String(c, "authors"),
        Journal = OptionalString(c, "journal"),
        Source = OptionalString(c, "source"),
        Year = Int(c, "year"),
        Doi = OptionalString(c, "doi"),
        Design = Enum<EvidenceDesign>(c, "design"),
        N = NullableInt(c, "n"),
        Trial = OptionalString(c, "trial"),
        Findings = Array(c, "findings", f => f.GetString()!),
    };

    private static JsonElement Property(JsonElement e, string name, JsonValueKind kind)
    {
        if (e.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException($"expected an object holding '{name}', found {Kind(e.ValueKind)}");
        }

        if (!e.TryGetProperty(name, out var value))
        {
            throw new JsonException($"the key '{name}' is missing");
        }

        return value.ValueKind == kind ? value : throw new JsonException($"'{name}': expected {Kind(kind)}, found {Kind(value.ValueKind)}");
    }

    private static JsonElement Object(JsonElement e, string name) => Property(e, name, JsonValueKind.Object);

    private static string String(JsonElement e, string name) => Property(e, name, JsonValueKind.String).GetString()!;

    private static int Int(JsonElement e, string name) =>
        Property(e, name, JsonValueKind.Number).TryGetInt32(out var v) ? v : throw new JsonException($"'{name}': expected a whole number");

    private static string? OptionalString(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null ? String(e, name) : null;

    private static int? NullableInt(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null ? Int(e, name) : null;

    private static T Enum<T>(JsonElement e, string name)
        where T : struct, Enum
    {
        var text = String(e, name);
        return KebabCase.TryParse<T>(text, out var value)
            ? value
            : throw new JsonException(string.Create(CultureInfo.InvariantCulture, $"'{name}': unknown value; allowed: {string.Join(", ", KebabCase.AllNames<T>())}"));
    }

    private static List<T> Array<T>(JsonElement e, string name, Func<JsonElement, T> read)
    {
        var list = new List<T>();
        foreach (var item in Property(e, name, JsonValueKind.Array).EnumerateArray())
        {
            if (typeof(T) == typeof(string) && item.ValueKind != JsonValueKind.String)
            {
                throw new JsonException($"'{name}': expected strings, found {Kind(item.ValueKind)}");
            }

            list.Add(read(item));
        }

        return list;
    }

    private static string Kind(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "true or false",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };
}
