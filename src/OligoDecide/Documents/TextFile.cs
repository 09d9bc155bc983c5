using System.Text;

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
                error = $"the file is {info.Length:N0} bytes; the limit is {maxBytes:N0} bytes";
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
}
