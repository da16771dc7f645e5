namespace Monitor.Storage.Sql;

/// <summary>
/// The columns of one lean-table row that the analysis reads (<see cref="Monitor.Core.Analysis.Series.ColumnarSeries"/>),
/// as integers; −1 stands for NULL in every column but <see cref="Round"/> (0) and <see cref="SoaSerial"/>
/// (<see cref="HasSoaSerial"/>). <see cref="Seq"/>, <see cref="Round"/> and <see cref="Uid"/> only order rows
/// started at the same microsecond.
/// </summary>
internal struct SeriesRow
{
    public long Started;
    public int Seq;
    public long Round;
    public byte Outcome;
    public byte Kind;
    public int Rtt;
    public int Rcode;
    public int IdServer;
    public int HostnameBind;
    public int Nsid;
    public bool HasSoaSerial;
    public long SoaSerial;
    public int Address;
    public int Site;
    public int Answers;
    public Guid? Uid;
}
