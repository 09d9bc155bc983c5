using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using OligoDecide.Classification;

namespace OligoDecide.Output;

/// <summary>
/// Writes results as JSON for tools. The key names and order are a public contract; the output
/// is byte-for-byte deterministic (same input, same bytes), indented with two spaces, LF line ends.
/// </summary>
public static partial class JsonOutput
{
    internal static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        NewLine = "\n",
    };

    /// <summary>The same JSON on one line (no indentation), for NDJSON batch output.</summary>
    internal static readonly JsonWriterOptions CompactOptions = new()
    {
        Indented = false,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The classification as JSON: <c>state, category, lesionCount, organCount, path[], missing[], possibleStates[] (indeterminate only), warnings[]</c>.</summary>
    public static string Write(ClassificationResult classification) => Render(w => WriteClassification(w, classification));

    internal static string Render(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, Options))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    internal static void WriteClassification(Utf8JsonWriter w, ClassificationResult c)
    {
        ArgumentNullException.ThrowIfNull(c);
        w.WriteStartObject();
        w.WriteString("state", c.State.Id());
        w.WriteString("category", c.Category.Id());
        WriteNullableNumber(w, "lesionCount", c.LesionCount);
        WriteNullableNumber(w, "organCount", c.OrganCount);
        w.WriteStartArray("path");
        foreach (var step in c.Path)
        {
            w.WriteStartObject();
            w.WriteString("question", step.Question);
            w.WriteString("answer", step.Answer);
            w.WriteString("basis", step.Basis);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        WriteStrings(w, "missing", c.Missing);
        if (c.State == OligometastaticState.Indeterminate)
        {
            WriteStrings(w, "possibleStates", c.PossibleStates.Select(s => s.Id()));
        }

        WriteStrings(w, "warnings", c.Warnings);
        w.WriteEndObject();
    }

    internal static void WriteStrings(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values)
        {
            w.WriteStringValue(v);
        }

        w.WriteEndArray();
    }

    private static void WriteNullableNumber(Utf8JsonWriter w, string name, int? value)
    {
        if (value is { } v)
        {
            w.WriteNumber(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }
}
