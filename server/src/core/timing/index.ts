/**
 * Payment timing: when a rate card's expected payments arrive, week by week from the contract's
 * start (docs/value.md, "When payments arrive"). Used by the investor's cash flow; value and
 * actuals may time their figures with it too.
 */
export { contractTimeline, expectedPeriods, outcomeDelays, paymentSchedule, spreadOf, PERIOD_WEEKS, type PaymentSchedule, type TimedPart, type Timeline, type TimelineReading } from './schedule';
export { addMonths, dayOf, isoOf, monthsBetween, yearOf } from './dates';
