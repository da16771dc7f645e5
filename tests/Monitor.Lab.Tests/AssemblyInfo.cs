// One lab at a time: each is a dozen namespaces, eight bird and four NSD processes and a relay, and the
// scenario's probes should not share two cores with a second lab.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
