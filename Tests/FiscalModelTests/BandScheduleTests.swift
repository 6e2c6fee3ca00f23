import FiscalModel
import Testing

@Suite("Marginal rebate bands (model.md §6.1)")
struct BandScheduleTests {
    let bands = BandSchedule(upperBounds: [500, 1500], rates: [0.3, 0.5, 0.8])

    @Test(arguments: [
        (0.0, 0.0),
        (-10.0, 0.0),
        (400.0, 120.0),  // 0.3 × 400
        (500.0, 150.0),  // 0.3 × 500
        (1000.0, 400.0),  // 150 + 0.5 × 500
        (1500.0, 650.0),  // 150 + 500
        (2000.0, 1050.0),  // 650 + 0.8 × 500
    ])
    func rebateIsTheSumOfBandPortionsTimesRates(increment: Double, expected: Double) {
        expectAmount(bands.rebate(on: increment), expected, "rebate on \(increment)")
    }

    @Test func portionsSplitTheIncrement() {
        #expect(bands.portions(of: 2000) == [500, 1000, 500])
        #expect(bands.portions(of: 700) == [500, 200, 0])
    }

    @Test func aSingleOpenBandIsAFlatRate() {
        let flat = BandSchedule(upperBounds: [], rates: [0.4])
        expectAmount(flat.rebate(on: 1234.5), 493.8)
    }
}
