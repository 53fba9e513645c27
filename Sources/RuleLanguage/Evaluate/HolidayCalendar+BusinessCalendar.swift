import CivilCalendar

/// The Korean public-holiday calendar is the business calendar rules run on in production;
/// `WeekendCalendar` stays for tests that want weekends only.
extension HolidayCalendar: BusinessCalendar {}
