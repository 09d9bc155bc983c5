using System.Globalization;
using System.Text;

namespace OligoDecide.Output;

/// <summary>
/// The one HTML escaper of the report: every text taken from a case, a rule set or a citation goes
/// through it, in element content and in attribute values alike.
/// </summary>
internal static class Html
{
    /// <summary>
    /// Escapes <c>&amp; &lt; &gt; " '</c> and replaces control characters (other than tab and line feed)
    /// with U+FFFD, so no input can open a tag, close an attribute or smuggle invisible characters.
    /// </summary>
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        StringBuilder? sb = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var replacement = c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                '\t' or '\n' => null,
                _ when char.IsControl(c) => "\uFFFD",
                _ => null,
            };
            if (replacement is null)
            {
                sb?.Append(c);
                continue;
            }

            sb ??= new StringBuilder(text.Length + 16).Append(text, 0, i);
            sb.Append(replacement);
        }

        return sb?.ToString() ?? text;
    }

    /// <summary>A date as ISO 8601 (<c>yyyy-MM-dd</c>), whatever the culture.</summary>
    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A number written invariantly, at most two decimals, no grouping.</summary>
    public static string Num(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>A decimal written invariantly without trailing zeros.</summary>
    public static string Num(decimal value) => value.ToString("0.##########", CultureInfo.InvariantCulture);

    /// <summary>An integer written invariantly.</summary>
    public static string Num(int value) => value.ToString(CultureInfo.InvariantCulture);
}
