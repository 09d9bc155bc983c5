using System.Globalization;
using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace OligoDecide.Documents;

/// <summary>Reads an input file as strict UTF-8 within a size limit, turning every failure into a message (never an exception).</summary>
internal static class TextFile
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The file's text, or null with <paramref name="error"/> saying why (missing, too large, not UTF-8, unreadable).</summary>
    public static string? Read(string path, long maxBytes, out string? error)
    {
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                error = "the file does not exist";
                return null;
            }

            if (info.Length > maxBytes)
            {
                error = string.Create(CultureInfo.InvariantCulture, $"the file is {info.Length:N0} bytes; the limit is {maxBytes:N0} bytes");
                return null;
            }

            error = null;
            return File.ReadAllText(path, StrictUtf8);
        }
        catch (DecoderFallbackException)
        {
            error = "the file is not valid UTF-8 text";
        }
        catch (IOException ex)
        {
            error = "the file could not be read: " + ex.GetType().Name;
        }
        catch (UnauthorizedAccessException)
        {
            error = "the file could not be read: access denied";
        }

        return null;
    }

    /// <summary>
    /// The lines of an NDJSON stream (split on LF, a trailing CR dropped), each checked as strict UTF-8
    /// within <paramref name="maxLineBytes"/> and given as its bytes (decode them with <see cref="Encoding.UTF8"/>):
    /// a line that is too long or not UTF-8 comes with an error and no bytes, so a batch can report it by its
    /// line number and go on. A line longer than the limit is skipped without being held in memory.
    /// </summary>
    public static IEnumerable<(long Line, byte[]? Utf8, string? Error, long End)> Lines(Stream stream, long maxLineBytes)
    {
        var buffer = new byte[1 << 16];
        var current = new ArrayBufferWriter<byte>(4096);
        long line = 0, position = 0, lineBytes = 0;
        int read;
        while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            var start = 0;
            while (start < read)
            {
                var newline = Array.IndexOf(buffer, (byte)'\n', start, read - start);
                var end = newline < 0 ? read : newline;
                lineBytes += end - start;
                if (lineBytes <= maxLineBytes)
                {
                    current.Write(buffer.AsSpan(start, end - start));
                }

                position += end - start;
                if (newline < 0)
                {
                    break;
                }

                position++;
                start = newline + 1;
                yield return Line(++line, current, lineBytes, maxLineBytes, position);
                current.ResetWrittenCount();
                lineBytes = 0;
            }
        }

        if (lineBytes > 0)
        {
            yield return Line(++line, current, lineBytes, maxLineBytes, position);
        }
    }

    /// <summary>True when the UTF-8 line decodes to nothing but white space (as <see cref="string.IsNullOrWhiteSpace"/> says).</summary>
    public static bool IsBlank(ReadOnlySpan<byte> utf8)
    {
        foreach (var b in utf8)
        {
            if (b < 0x80 && !char.IsWhiteSpace((char)b))
            {
                return false;
            }
        }

        // Only ASCII white space and non-ASCII bytes: decode, for the other Unicode spaces.
        return string.IsNullOrWhiteSpace(Encoding.UTF8.GetString(utf8));
    }

    private static (long Line, byte[]? Utf8, string? Error, long End) Line(long line, ArrayBufferWriter<byte> bytes, long length, long maxLineBytes, long end)
    {
        if (length > maxLineBytes)
        {
            return (line, null, string.Create(CultureInfo.InvariantCulture, $"the line is {length:N0} bytes; the limit is {maxLineBytes:N0} bytes"), end);
        }

        var span = bytes.WrittenSpan;
        if (span.Length > 0 && span[^1] == (byte)'\r')
        {
            span = span[..^1];
        }

        return Utf8.IsValid(span)
            ? (line, span.ToArray(), null, end)
            : (line, null, "the line is not valid UTF-8 text", end);
    }
}
