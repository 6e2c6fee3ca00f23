import Testing
@Test func placeholderUntilGoldenTests() { #expect(Bool(true)) }
