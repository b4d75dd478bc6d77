import Foundation
import LeadsimStudy
import Testing

@Suite struct StudyInputsTests {
    @Test func placeholder() {}
}
