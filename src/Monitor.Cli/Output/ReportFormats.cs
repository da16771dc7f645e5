namespace Monitor.Cli.Output;

/// <summary>The file kinds <c>monitor report --format</c> can write.</summary>
[Flags]
internal enum ReportFormats
{
    None = 0,
    Pdf = 1,
    Png = 2,
    Csv = 4,
    Json = 8,
    All = Pdf | Png | Csv | Json,
}
