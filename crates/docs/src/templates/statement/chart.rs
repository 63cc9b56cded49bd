//! The statement's bar chart: what was charged in each of the last twelve periods, IVA
//! included, drawn with rectangles, lines and text — a value axis with round ticks and
//! grid lines, one bar per period labelled with its month, the statement's own period in
//! the accent colour with its amount over it, a legend under it.

use nimbo_domain::Lang;
use nimbo_domain::billing::{Period, es_py};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use super::PeriodTotals;
use crate::dates::short_period;
use crate::flow::{Align, Flow};
use crate::fonts::Weight;
use crate::marks::Mark;
use crate::measure::text_width;
use crate::money::usd;
use crate::style::{ACCENT, Colour, HAIRLINE, INK, MUTED, SMALL, TextStyle, WHITE};

/// The earlier periods' bars: a pale tint of the accent.
const PAST: Colour = Colour(0xA9, 0xC1, 0xDE);
/// The zero line, darker than the grid.
const BASE: Colour = Colour(0x9A, 0xA5, 0xB1);

/// Tick labels and months.
const TICK: TextStyle = TextStyle {
    size: 7.0,
    weight: Weight::Regular,
    colour: MUTED,
    leading: 10.0,
};
/// The statement's own month and amount.
const CURRENT: TextStyle = TextStyle {
    size: 7.5,
    weight: Weight::Bold,
    colour: INK,
    leading: 10.5,
};

/// Room for the unit caption over the plot.
const CAPTION_H: f32 = 13.0;
/// Room over the plot for the amount over the highest bar.
const HEADROOM: f32 = 14.0;
/// The plot's height.
const PLOT_H: f32 = 132.0;
/// Room left of the plot for the tick labels.
const AXIS_W: f32 = 46.0;
/// The chart's whole height, legend included.
pub(super) const HEIGHT: f32 = CAPTION_H + HEADROOM + PLOT_H + 6.0 + TICK.leading + 10.0 + 10.0;

/// A value axis: from `low` to `high` in steps of `step`, all round numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Axis {
    /// The lowest tick (zero unless some value is negative).
    pub low: Decimal,
    /// The highest tick.
    pub high: Decimal,
    /// The distance between ticks: 1, 2, 2.5 or 5 times a power of ten.
    pub step: Decimal,
}

impl Axis {
    /// The ticks, from `low` to `high`.
    pub fn ticks(&self) -> Vec<Decimal> {
        let mut out = Vec::new();
        let mut v = self.low;
        while v <= self.high && out.len() < 20 {
            out.push(v);
            v += self.step;
        }
        out
    }

    /// A tick as labelled: grouped es-PY, without cents when the step has none.
    pub fn label(&self, v: Decimal) -> String {
        let text = es_py(v, Lang::Es);
        if self.step.fract().is_zero() {
            text.trim_end_matches(",00").to_string()
        } else {
            text
        }
    }
}

/// An axis with two to five round steps that holds zero and every value; an axis of
/// nothing but zeros runs from 0 to 100.
pub fn axis(values: &[Decimal]) -> Axis {
    let min = values.iter().copied().fold(Decimal::ZERO, Decimal::min);
    let max = values.iter().copied().fold(Decimal::ZERO, Decimal::max);
    let span = max - min;
    if span.is_zero() {
        return Axis {
            low: Decimal::ZERO,
            high: Decimal::ONE_HUNDRED,
            step: Decimal::from(25),
        };
    }
    let rough = span / Decimal::from(4);
    let ten = Decimal::TEN;
    let mut magnitude = Decimal::ONE;
    while magnitude * ten <= rough {
        magnitude *= ten;
    }
    while magnitude > rough && magnitude > Decimal::new(1, 2) {
        magnitude /= ten;
    }
    let step = [
        Decimal::ONE,
        Decimal::TWO,
        Decimal::new(25, 1),
        Decimal::from(5),
        Decimal::TEN,
    ]
    .into_iter()
    .map(|m| m * magnitude)
    .find(|s| *s >= rough)
    .unwrap_or(ten * magnitude);
    Axis {
        low: (min / step).floor() * step,
        high: (max / step).ceil() * step,
        step,
    }
}

fn f(v: Decimal) -> f32 {
    v.to_f32().unwrap_or(0.0)
}

/// Draws the chart of `slots` (oldest first) at the cursor, on one page; `current` is
/// the statement's period.
pub(super) fn draw(flow: &mut Flow, slots: &[(Period, Option<PeriodTotals>)], current: Period) {
    flow.ensure(HEIGHT);
    let top = flow.y();
    let (left, right) = (flow.geo.left, flow.geo.right);
    let charges: Vec<Decimal> = slots
        .iter()
        .filter_map(|(_, t)| t.as_ref().map(|t| t.charges))
        .collect();
    let axis = axis(&charges);
    let plot_top = top + CAPTION_H + HEADROOM;
    let plot_bottom = plot_top + PLOT_H;
    let x0 = left + AXIS_W;
    let range = f(axis.high - axis.low).max(f32::EPSILON);
    let y_of = |v: Decimal| plot_bottom - f(v - axis.low) / range * PLOT_H;

    flow.text_at(
        left,
        top,
        right - left,
        SMALL,
        "USD por período, IVA incluido",
        Align::Left,
    );
    for tick in axis.ticks() {
        let y = y_of(tick);
        let (thickness, colour) = if tick.is_zero() {
            (0.8, BASE)
        } else {
            (0.5, HAIRLINE)
        };
        flow.rule(x0, right, y, thickness, colour);
        flow.text_at(
            left,
            y - TICK.leading / 2.0,
            AXIS_W - 8.0,
            TICK,
            &axis.label(tick),
            Align::Right,
        );
    }

    let slot = (right - x0) / slots.len().max(1) as f32;
    let bar_w = slot * 0.58;
    let zero = y_of(Decimal::ZERO);
    for (i, (period, totals)) in slots.iter().enumerate() {
        let slot_x = x0 + i as f32 * slot;
        let is_current = *period == current;
        if let Some(t) = totals {
            let y = y_of(t.charges);
            let (bar_top, bar_h) = (y.min(zero), (y - zero).abs());
            flow.push(Mark::Rect {
                x: slot_x + (slot - bar_w) / 2.0,
                y: bar_top,
                w: bar_w,
                h: bar_h,
                fill: if is_current { ACCENT } else { PAST },
            });
            if is_current {
                let text = usd(t.charges);
                let w = text_width(flow.fonts, CURRENT.weight, CURRENT.size, &text);
                let x = (slot_x + (slot - w) / 2.0)
                    .min(right - w - 2.0)
                    .max(x0 + 2.0);
                // Over a bar that rises, under one that falls below zero.
                let label_top = if t.charges.is_sign_negative() {
                    bar_top + bar_h + 2.0
                } else {
                    bar_top - CURRENT.leading - 2.0
                };
                // A white ground keeps the amount legible where a grid line crosses it.
                flow.push(Mark::Rect {
                    x: x - 2.0,
                    y: label_top,
                    w: w + 4.0,
                    h: CURRENT.leading,
                    fill: WHITE,
                });
                let style = CURRENT.coloured(ACCENT);
                flow.text_at(x, label_top, w, style, &text, Align::Left);
            }
        }
        let style = if is_current { CURRENT } else { TICK };
        flow.text_at(
            slot_x,
            plot_bottom + 6.0,
            slot,
            style,
            &short_period(*period),
            Align::Centre,
        );
    }

    let legend_top = plot_bottom + 6.0 + TICK.leading + 10.0;
    let mut x = x0;
    for (colour, text) in [
        (ACCENT, "Período de este estado de cuenta"),
        (PAST, "Períodos anteriores"),
    ] {
        flow.push(Mark::Rect {
            x,
            y: legend_top + 2.0,
            w: 7.0,
            h: 7.0,
            fill: colour,
        });
        flow.text_at(x + 11.0, legend_top, 200.0, TICK, text, Align::Left);
        x += 11.0 + text_width(flow.fonts, TICK.weight, TICK.size, text) + 18.0;
    }
    flow.set_y(top + HEIGHT);
    flow.gap(12.0);
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn the_axis_runs_in_round_steps_from_zero_past_the_highest_charge() {
        let a = axis(&[d("1234.57"), d("2890.10"), d("310")]);
        assert_eq!((a.low, a.high, a.step), (d("0"), d("3000"), d("1000")));
        assert_eq!(a.ticks().len(), 4);
        assert_eq!(a.label(d("3000")), "3.000");

        let a = axis(&[d("86.9")]);
        assert_eq!((a.low, a.high, a.step), (d("0"), d("100"), d("25")));

        let a = axis(&[d("12345")]);
        assert_eq!((a.high, a.step), (d("15000"), d("5000")));
        assert_eq!(a.label(d("15000")), "15.000");
    }

    #[test]
    fn a_credit_larger_than_the_charges_takes_the_axis_below_zero() {
        let a = axis(&[d("-120"), d("400")]);
        assert!(a.low < Decimal::ZERO && a.high >= d("400"));
        assert!(a.ticks().contains(&Decimal::ZERO));
    }

    #[test]
    fn nothing_charged_gives_an_axis_from_0_to_100() {
        let a = axis(&[Decimal::ZERO, Decimal::ZERO]);
        assert_eq!(a.ticks(), vec![d("0"), d("25"), d("50"), d("75"), d("100")]);
        assert_eq!(axis(&[]).high, d("100"));
    }

    #[test]
    fn cents_appear_on_the_axis_only_when_its_step_has_them() {
        let a = axis(&[d("3.2")]);
        assert_eq!(a.step, d("1"));
        let a = axis(&[d("0.9")]);
        assert_eq!(a.step, d("0.25"));
        assert_eq!(a.label(d("0.5")), "0,50");
    }
}
