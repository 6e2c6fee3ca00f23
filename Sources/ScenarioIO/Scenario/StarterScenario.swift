import Foundation

/// The starter scenario `fiscal-sim init DIR` writes: a commented scenario file (comments in
/// Chinese and English) and its units CSV, which validate and run as written.
public enum StarterScenario {
    /// Why `init` refuses to write.
    public struct Refusal: Error, CustomStringConvertible {
        /// The file in the way.
        public var path: String
        /// What is wrong and what to do.
        public var reason: String

        /// `path: reason`.
        public var description: String { "\(path): \(reason)" }
    }

    /// File name of the scenario.
    public static let scenarioFile = "scenario.yaml"
    /// File name of the units table.
    public static let unitsFile = "units.csv"

    /// Writes both files into `folder` (created if missing); refuses if either exists.
    /// Returns the paths written.
    @discardableResult
    public static func write(into folder: URL) throws -> [String] {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        if manager.fileExists(atPath: folder.path, isDirectory: &isDirectory), !isDirectory.boolValue {
            throw Refusal(path: folder.path, reason: "exists and is not a folder; name a new or existing folder")
        }
        let files = [(scenarioFile, scenarioText), (unitsFile, unitsText)]
        for (name, _) in files {
            let path = folder.appendingPathComponent(name).path
            if manager.fileExists(atPath: path) {
                throw Refusal(path: path, reason: "already exists; init never overwrites files — choose an empty folder or move the file away")
            }
        }
        try manager.createDirectory(at: folder, withIntermediateDirectories: true)
        var written: [String] = []
        for (name, text) in files {
            let url = folder.appendingPathComponent(name)
            // withoutOverwriting: a file that appeared meanwhile is not replaced.
            try Data(text.utf8).write(to: url, options: .withoutOverwriting)
            written.append(url.path)
        }
        return written
    }

    /// The units table: four street offices of one district.
    public static let unitsText = """
        id,name,district,tags,tax,allocation,enterprise_income,collective_income,population,elderly,low_income,communities,staff,green_area,fee_greening
        east,东街道,demo,pilot,8000.00,900.00,200.00,0.00,60000,10000,120,7,80,20,50.00
        west,西街道,demo,,6000.00,850.00,150.00,0.00,50000,9000,100,6,75,15,40.00
        north,北街道,demo,,5000.00,800.00,120.00,0.00,45000,7000,90,5,70,25,35.00
        south,南街道,demo,village-converted,2000.00,700.00,80.00,1500.00,20000,2500,40,4,60,60,30.00

        """

    /// The scenario file.
    public static let scenarioText = """
        # =============================================================================
        # 起步情景（由 `fiscal-sim init` 生成）— starter scenario (from `fiscal-sim init`)
        # 所有数字均为示例，请替换为本地数据。Every number is an example: replace it.
        # 金额单位见 `unit`。Money is in the scenario's `unit`.
        # 检查 / check:  fiscal-sim validate scenario.yaml
        # 运行 / run:    fiscal-sim run scenario.yaml --out out/starter
        # 解释 / explain: fiscal-sim explain scenario.yaml --unit east --year 2027
        # =============================================================================

        # 情景名称：默认输出目录为 out/<name>/。Name; the default output folder is out/<name>/.
        name: starter

        # 基期为数据年份；模拟 base+1 … end 年。The base year is the data year; the model
        # projects the years base+1 … end.
        years: {base: 2025, end: 2030}

        # 货币、金额单位（万元 或 元）、小数位数、舍入规则（half-up 四舍五入 或 half-even）。
        # Currency, money unit (万元 or 元), decimals, rounding (half-up or half-even).
        currency: CNY
        unit: 万元
        precision: 2
        rounding: half-up

        # 街道数据表，路径相对于本文件；每行一个街道办事处。
        # The units table, relative to this file: one row per street office.
        # Required columns: id, district, tax, allocation; optional: name, tags (; separated),
        # enterprise_income, collective_income, tax_growth; plus every indicator named below.
        units: units.csv

        # 区（上级财政）及其财政承受能力：当年返还总额不超过区内税收的 5%。
        # The district (upper-level budget) and what it can bear: rebates at most 5 % of
        # its retained tax in a year (above that all rebates are scaled down).
        districts:
          - id: demo
            name: 示例区
            capacity: {maxShareOfRevenue: 0.05}

        # 税收年增长率；可按标签区分（取街道第一个匹配的标签）。
        # Yearly tax growth; per tag if needed (the unit's first matching tag wins).
        growth:
          tax: 0.06
          byTag: {village-converted: 0.04}

        # 财政下拨经费年增长率。Yearly indexation of the fiscal allocation.
        allocation: {indexation: 0.03}

        # 村改居集体经济收入年增长率。Yearly growth of collective income.
        collective: {growth: 0.03}

        # 推行：试点街道 2026 年，其余 2028 年。任何参数都可写成阶梯 {2026: 0.3, 2029: 0.5}。
        # Roll-out: pilots in 2026, the rest in 2028. Any rate may be a step function
        # {2026: 0.3, 2029: 0.5} (the value with the greatest year ≤ t is in force).
        rollout:
          default: 2028
          byTag: {pilot: 2026}

        # 一、税收增量比例返还：以实施前一年税收为基数，增量分档返还；村改居不参与。
        # 1. Tax-increment rebate: the base is the tax of the year before adoption; the
        #    increment is rebated in marginal bands; village-converted units are excluded.
        rebate:
          reference: fixed            # fixed | rolling | ratchet
          bands:
            - {upTo: 500, rate: 0.3}  # 前 500 按 30% / the first 500 at 30 %
            - {rate: 0.5}             # 其余 50% / the rest at 50 %
          eligibility: {excludeTags: [village-converted]}

        # 二、条费转块：绿化费按比例划转给承担任务的街道，按绿地面积分配。
        # 2. Line fees to blocks: a share of the greening fee goes to the streets doing the
        #    work, split by green area; taskCost checks that funds follow tasks (费随事转).
        lineFees:
          - id: greening
            collectedColumn: fee_greening
            growth: 0.03
            transferShare: {2026: 0.5, 2028: 0.8}
            allocationKey: {green_area: 1.0}
            taskCost: {indicator: green_area, unitCost: 2.0, growth: 0.03}

        # 三、社会募集资金：汇入区级资金池，留 10% 储备，其余按职责切块下拨。
        # 3. Pooled donations: 10 % district reserve, the rest handed down by responsibility.
        donations:
          reserveShare: 0.1
          allocationKey: {population: 0.5, elderly: 0.3, low_income: 0.2}
          sources:
            - {id: enterprises, amount: {demo: 300}, growth: 0.05}
            - {id: individuals, amount: {demo: 50}, growth: 0.04}

        # 支出需求：指标 × 单位成本 × 增长。Spending need: indicator × unit cost × growth.
        needs:
          - {id: staff, indicator: staff, unitCost: 10.8, growth: 0.05}
          - {id: community-office, indicator: communities, unitCost: 15, growth: 0.02}

        # 方案比较：set 用点分路径改写参数。Variants: `set` changes values by dotted path.
        variants:
          - name: rebate-50
            set: {rebate.bands: [{rate: 0.5}]}

        """
}
