namespace Quantify.Web.Features.Import;

/// <summary>One committed upload: who, when, what kind, the counts and the original file, kept for audit (never deleted).</summary>
public sealed class ImportRun
{
    public long Id { get; set; }
    public ImportKind Kind { get; set; }
    /// <summary>The estate the upload was made for (null: an admin's upload across estates).</summary>
    public int? EstateId { get; set; }
    public string FileName { get; set; } = "";
    public long FileSize { get; set; }
    /// <summary>The uploaded workbook byte for byte, downloadable from the history.</summary>
    public byte[] FileBytes { get; set; } = [];
    public string UserId { get; set; } = "";
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset FinishedAt { get; set; }
    public int Total { get; set; }
    public int Created { get; set; }
    public int Updated { get; set; }
    public int Unchanged { get; set; }
    public int Failed { get; set; }
    /// <summary>The row errors as text, one per line (what the user saw).</summary>
    public string Errors { get; set; } = "";
}
