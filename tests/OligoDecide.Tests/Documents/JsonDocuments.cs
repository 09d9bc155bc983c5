using System.Text;
using System.Text.Json;
using CsCheck;
using OligoDecide.Documents;
using OligoDecide.Model;

namespace OligoDecide.Tests.Documents;

/// <summary>
/// JSON documents for comparing the screening fast path with the strict reader: YAML case files as one JSON
/// line, and generated documents with one token (a value or a key) replaced by an awkward one.
/// </summary>
internal static class JsonDocuments
{
    /// <summary>Values that each reader could take differently: wrong types, odd numbers, escapes, dates that do not exist, vocabulary.</summary>
    public static readonly string[] RawValues =
    [
        "null", "true", "false", "0", "-0", "1", "-1", "3", "7", "150", "1.5", "1.50", "-2.5", "1e2", "1E-2", "100.0", "2147483648",
        "0.00000000000000000000000000001", "12345678901234567890123456789012", "\"\"", "\"x\"", "\"5\"", "\"true\"", "\"null\"",
        "\"2024-02-29\"", "\"2023-02-29\"", "\"2024-1-01\"", "\"2024-01-01 \"", "\"\\u0032024-01-01\"", "\"0000-01-01\"", "\"9999-12-31\"",
        "\"\\ud800\"", "\"a\\udc00b\"", "\"\\u00e9\"", "\"ü\"", "\"IVA\"", "\"iva\"", "\"IV\"", "\"\\u0049VA\"", "\"adenocarcinoma\"",
        "\"Adenocarcinoma\"", "\"liver\"", "\"brain\"", "\"lymph-node-mediastinal\"", "\"fdg-pet-ct\"", "\"female\"", "\"progressive\"",
        "\"exon19-deletion\"", "\"positive\"", "\"chemo-immunotherapy\"", "\"metachronous-oligorecurrence\"", "[]", "[null]", "[1]",
        "[\"x\"]", "[\"fdg-pet-ct\", \"fdg-pet-ct\"]", "[{}]", "[{\"organ\": \"liver\"}]", "{}", "{\"organ\": \"liver\"}", "{\"x\": 1}",
    ];

    /// <summary>Keys: every key of the format (so a replacement can duplicate one), escaped, misspelt and odd ones.</summary>
    public static readonly string[] RawKeys =
    [
        "\"id\"", "\"assessedOn\"", "\"ageYears\"", "\"sex\"", "\"ecog\"", "\"smoking\"", "\"primary\"", "\"biomarkers\"", "\"history\"",
        "\"systemicTherapies\"", "\"radiotherapy\"", "\"metastases\"", "\"expect\"", "\"histology\"", "\"stageGroup\"", "\"organ\"",
        "\"sizeMm\"", "\"lesions\"", "\"imaging\"", "\"kind\"", "\"startedOn\"", "\"stoppedOn\"", "\"\\u0069d\"", "\"Id\"", "\"assessedon\"",
        "\"\"", "\"i\\udc00d\"", "\"x\"", "\"organ \"", "\"\\u006frgan\"",
    ];

    /// <summary>Generated patient documents (any seed) with one value or key token replaced, or left as they are.</summary>
    public static readonly Gen<string> Mutated =
        Gen.Int[1, 1_000_000].Select(seed => new Synthetic.PatientGenerator(seed).Next())
            .SelectMany(doc => Gen.Int[0, 2].SelectMany(kind => kind switch
            {
                0 => Gen.Const(doc),
                1 => Gen.Int[0, 10_000].Select(Gen.OneOfConst(RawValues), (at, raw) => Replace(doc, at, JsonTokenType.String, raw)),
                _ => Gen.Int[0, 10_000].Select(Gen.OneOfConst(RawKeys), (at, raw) => Replace(doc, at, JsonTokenType.PropertyName, raw)),
            }));

    /// <summary>
    /// Replaces the <paramref name="at"/>-th (mod count) token of <paramref name="kind"/> (String: any scalar value; PropertyName: a key)
    /// with <paramref name="raw"/> JSON text.
    /// </summary>
    public static string Replace(string doc, int at, JsonTokenType kind, string raw)
    {
        var bytes = Encoding.UTF8.GetBytes(doc);
        var spans = new List<(int Start, int Length)>();
        var reader = new Utf8JsonReader(bytes);
        while (reader.Read())
        {
            var scalar = reader.TokenType is JsonTokenType.String or JsonTokenType.Number or JsonTokenType.True or JsonTokenType.False or JsonTokenType.Null;
            if (kind == JsonTokenType.PropertyName ? reader.TokenType == JsonTokenType.PropertyName : scalar)
            {
                var quoted = reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName;
                spans.Add(((int)reader.TokenStartIndex, reader.ValueSpan.Length + (quoted ? 2 : 0)));
            }
        }

        var (start, length) = spans[at % spans.Count];
        return Encoding.UTF8.GetString(bytes[..start]) + raw + Encoding.UTF8.GetString(bytes[(start + length)..]);
    }

    /// <summary>A YAML case file as one line of JSON (quoted scalars as strings, plain ones as what JSON would make of them).</summary>
    public static string FromYaml(string yaml)
    {
        var root = YamlReader.ReadYaml(yaml, "case", DocumentLimits.Default, []) ?? throw new InvalidOperationException("not readable YAML");
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            Write(writer, root);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void Write(Utf8JsonWriter writer, YamlNode node)
    {
        switch (node)
        {
            case YamlMapping map:
                writer.WriteStartObject();
                foreach (var (key, value) in map.Entries)
                {
                    writer.WritePropertyName(key.Value);
                    Write(writer, value);
                }

                writer.WriteEndObject();
                break;
            case YamlSequence seq:
                writer.WriteStartArray();
                foreach (var item in seq.Items)
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            case YamlScalar { IsNull: true }:
                writer.WriteNullValue();
                break;
            case YamlScalar { Quoted: false, Value: "true" or "false" } b:
                writer.WriteBooleanValue(b.Value == "true");
                break;
            case YamlScalar { Quoted: false } s when IsJsonNumber(s.Value):
                writer.WriteRawValue(s.Value);
                break;
            case YamlScalar s:
                writer.WriteStringValue(s.Value);
                break;
        }
    }

    private static bool IsJsonNumber(string text)
    {
        try
        {
            var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(text));
            return reader.Read() && reader.TokenType == JsonTokenType.Number && !reader.Read();
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>Everything a reading gives, field by field (decimals with their scale), for comparing two readings.</summary>
    public static string Dump(PatientLoadResult result) =>
        JsonSerializer.Serialize(new { result.Patient, result.Expectation, Findings = result.Findings.Select(f => f.ToString()) });

    /// <summary>The strict reading and the fast one of the same text.</summary>
    public static (PatientLoadResult Strict, PatientLoadResult? Fast) ReadBoth(string json) =>
        (PatientDocument.Parse(json, "doc"), PatientDocument.TryReadJson(Encoding.UTF8.GetBytes(json)));

    /// <summary>True when the fast reading gave up or gave exactly the strict reading's valid result.</summary>
    public static bool Agree(string json)
    {
        var (strict, fast) = ReadBoth(json);
        return fast is null || (strict.IsValid && Dump(fast) == Dump(strict));
    }

    public static Patient Strict(string json) => PatientDocument.Parse(json, "doc").GetPatientOrThrow();
}
