using BenchmarkDotNet.Attributes;

using Monitor.Core.Domain;
using Monitor.Probing.Wire;
using Monitor.Testing;

namespace Monitor.Benchmarks;

/// <summary>The query codec: writing a query with NSID, reading a response's head and all of it.</summary>
[MemoryDiagnoser]
public class CodecBenchmarks
{
    private readonly byte[] _response = new DnsMessageBuilder()
        .Id(0x1234)
        .Flags(0x8400)
        .Question(DnsQuestion.IdServer)
        .Txt("id.server", DnsClasses.CH, "ams1.anycast.example")
        .Nsid("ams1")
        .Build();

    [Benchmark]
    public byte[] WriteQuery() => DnsQueryWriter.Write(0x1234, DnsQuestion.IdServer, recursionDesired: false, edns: true, requestNsid: true);

    [Benchmark]
    public DnsResponseHead ReadHead() => DnsResponseReader.ReadHead(_response);

    [Benchmark]
    public DnsResponse ReadResponse() => DnsResponseReader.Read(_response);
}
