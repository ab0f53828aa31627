//! `network::solve` never panics on a network built in code, whatever its references and
//! values: junction numbers past the end, and lengths, diameters, pressures and loads of
//! 1e308, 0, negative or NaN. It solves or returns an error.

use dostyk_transit_gas::network::{
    Compressor, ElementId, FlowControl, Fluid, Junction, Load, Network, NetworkBuilder,
    NetworkError, Pipe, PipeSpec, PressureControl, Pump, PumpCurve, Slack, SolverOptions, Valve,
    solve,
};
use proptest::prelude::*;

/// Numbers a network built in code may hold by mistake.
fn number() -> impl Strategy<Value = f64> {
    prop_oneof![
        Just(0.0),
        Just(-1.0),
        Just(1e308),
        Just(-1e308),
        Just(f64::NAN),
        Just(f64::INFINITY),
        Just(1e-300),
        0.0_f64..100.0,
        0.0_f64..1e6,
    ]
}

/// Junction numbers, some of them past the end of a network of `n` junctions.
fn reference(n: usize) -> impl Strategy<Value = usize> {
    prop_oneof![0..n, Just(n), Just(usize::MAX), 0..n + 3]
}

prop_compose! {
    fn network()(n in 1_usize..5)(
        n in Just(n),
        junctions in proptest::collection::vec((number(), number(), proptest::option::of(number()), any::<bool>()), n),
        pipes in proptest::collection::vec((reference(n), reference(n), number(), number(), number(), number(), 0_u32..3), 0..6),
        valves in proptest::collection::vec((reference(n), reference(n), number(), number(), any::<bool>()), 0..3),
        slacks in proptest::collection::vec((reference(n), number()), 0..3),
        loads in proptest::collection::vec((reference(n), number()), 0..4),
        density in number(),
    ) -> Network {
        let _ = n;
        let mut net = NetworkBuilder::default().build();
        if !density.is_finite() || density <= 0.0 {
            net.fluid.density_kg_per_m3 = dostyk_transit_gas::network::Property::Constant { value: density };
        }
        let id = |kind: &str, i: usize| ElementId::Key(format!("{kind}{i}"));
        net.junctions = junctions.into_iter().enumerate().map(|(i, (height_m, temperature_k, p, in_service))| Junction {
            id: id("J", i), name: None, height_m, temperature_k, initial_pressure_bar_g: p, in_service,
        }).collect();
        net.pipes = pipes.into_iter().enumerate().map(|(i, (from, to, length_m, inner_diameter_m, roughness_m, loss_coefficient, sections))| Pipe {
            id: id("P", i), name: None, from, to, length_m, inner_diameter_m, roughness_m, loss_coefficient, sections, in_service: true,
        }).collect();
        net.valves = valves.into_iter().enumerate().map(|(i, (from, to, inner_diameter_m, loss_coefficient, open))| Valve {
            id: id("V", i), name: None, from, to, inner_diameter_m, loss_coefficient, open,
        }).collect();
        net.slacks = slacks.into_iter().enumerate().map(|(i, (junction, pressure_bar_g))| Slack {
            id: id("S", i), name: None, junction, pressure_bar_g,
        }).collect();
        net.loads = loads.into_iter().enumerate().map(|(i, (junction, withdrawal_kg_per_s))| Load {
            id: id("L", i), name: None, junction, withdrawal_kg_per_s,
        }).collect();
        net
    }
}

/// A line A – B (component) C – D with a slack at A and a sink at D, for the components.
fn line(sink_kg_per_s: f64) -> Network {
    let mut b = NetworkBuilder::new(Fluid::lgas());
    let j: Vec<_> = ["A", "B", "C", "D"]
        .iter()
        .map(|n| b.add_junction(*n))
        .collect();
    let spec = PipeSpec::new(20_000.0, 0.5, 5e-5);
    b.add_pipe("AB", j[0], j[1], spec);
    b.add_pipe("CD", j[2], j[3], spec);
    b.add_ext_grid("grid", j[0], 40.0);
    b.add_sink("sink", j[3], sink_kg_per_s);
    b.build()
}

prop_compose! {
    /// The line with one or more components of any kind between B and C (or anywhere, by
    /// reference), holding extreme values: ratios of 0, 1e308 or negative, curves of NaN,
    /// set pressures and flows of ±1e308.
    fn component_network()(
        sink in number(),
        kinds in proptest::collection::vec((0_u8..4, reference(4), reference(4), reference(4), number(),
            proptest::collection::vec(number(), 0..4), any::<bool>(), any::<bool>()), 1..4),
    ) -> Network {
        let mut net = line(sink);
        for (i, (kind, from, to, controlled, value, curve, active, in_service)) in kinds.into_iter().enumerate() {
            let id = ElementId::Key(format!("X{i}"));
            // Mostly between B and C, sometimes anywhere (or nowhere).
            let (from, to) = if i == 0 { (1, 2) } else { (from, to) };
            match kind {
                0 => net.compressors.push(Compressor { id, name: None, from, to, pressure_ratio: value, in_service }),
                1 => net.pressure_controls.push(PressureControl {
                    id, name: None, from, to, controlled_junction: controlled, set_pressure_bar_g: value,
                    control_active: active, loss_coefficient: curve.first().copied().unwrap_or(0.0), in_service,
                }),
                2 => net.flow_controls.push(FlowControl { id, name: None, from, to, mass_flow_kg_per_s: value, control_active: active, in_service }),
                _ => net.pumps.push(Pump { id, name: None, from, to, curve: PumpCurve { name: "c".into(), coefficients: curve }, in_service }),
            }
        }
        net
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn solve_never_panics(net in network()) {
        let _ = solve(&net, &SolverOptions::default());
    }

    #[test]
    fn solve_never_panics_with_components(net in component_network()) {
        if let Ok(solution) = solve(&net, &SolverOptions::default()) {
            // A returned solution has finite pressures wherever it has one.
            prop_assert!(solution.junctions.iter().filter_map(|j| j.pressure_bar_g).all(f64::is_finite));
        }
    }
}

#[test]
fn a_pipe_to_a_junction_that_does_not_exist_is_named() {
    let mut b = NetworkBuilder::new(Fluid::lgas());
    let a = b.add_junction("A");
    b.add_ext_grid("grid", a, 50.0);
    let mut net = b.build();
    net.pipes.push(Pipe {
        id: ElementId::Key("P1".into()),
        name: None,
        from: 0,
        to: 7,
        length_m: 1000.0,
        inner_diameter_m: 0.5,
        roughness_m: 1e-5,
        loss_coefficient: 0.0,
        sections: 1,
        in_service: true,
    });
    let e = solve(&net, &SolverOptions::default()).unwrap_err();
    assert!(
        matches!(&e, NetworkError::InvalidElement { field: "to", .. }),
        "{e}"
    );
    assert_eq!(
        e.to_string(),
        "pipe \"P1\" (number 0 in `pipes`): field \"to\" refers to junction number 7, but the network has 1 junction(s); use a JunctionId from this network's builder or an index below 1"
    );
}

#[test]
fn values_out_of_their_domain_are_named() {
    let mut b = NetworkBuilder::default();
    let a = b.add_junction("A");
    let c = b.add_junction("C");
    b.add_pipe("P", a, c, PipeSpec::new(f64::NAN, 0.5, 1e-5));
    b.add_ext_grid("grid", a, 50.0);
    let e = solve(&b.build(), &SolverOptions::default()).unwrap_err();
    assert_eq!(
        e.to_string(),
        "pipe \"P\" (number 0 in `pipes`): field \"length_m\" is NaN; expected a non-negative length (m)"
    );
}
