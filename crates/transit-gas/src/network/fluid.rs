//! Fluid properties: normal density and viscosity against temperature, compressibility factor
//! against absolute pressure, in the three shapes pandapipes stores them (constant, linear,
//! tabulated with linear interpolation and extrapolation).

use serde::{Deserialize, Serialize};

/// One scalar property of the fluid as a function of one argument (temperature in K for density
/// and viscosity, absolute pressure in bar for the compressibility factor).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Property {
    /// The same value at every argument.
    Constant {
        /// The value.
        value: f64,
    },
    /// `offset + slope × argument` (pandapipes `FluidPropertyLinear`).
    Linear {
        /// Change of the property per unit of the argument.
        slope: f64,
        /// Value at argument zero.
        offset: f64,
    },
    /// Piecewise-linear through `(x, y)` points, extrapolated linearly beyond the first and last
    /// point (pandapipes `FluidPropertyInterExtra`, scipy `interp1d(fill_value="extrapolate")`).
    Table {
        /// Arguments, strictly increasing.
        x: Vec<f64>,
        /// Values at `x`.
        y: Vec<f64>,
    },
}

impl Property {
    /// The property at `arg`.
    pub fn at(&self, arg: f64) -> f64 {
        match self {
            Property::Constant { value } => *value,
            Property::Linear { slope, offset } => offset + slope * arg,
            Property::Table { x, y } => interpolate(x, y, arg),
        }
    }

    /// The derivative of the property with respect to its argument at `arg`.
    pub fn derivative_at(&self, arg: f64) -> f64 {
        match self {
            Property::Constant { .. } => 0.0,
            Property::Linear { slope, .. } => *slope,
            Property::Table { x, y } => {
                let i = segment(x, arg);
                if i + 1 < x.len() {
                    (y[i + 1] - y[i]) / (x[i + 1] - x[i])
                } else {
                    0.0
                }
            }
        }
    }

    /// Checks the shape (a table needs at least one point, equal lengths, increasing x, finite
    /// values); `what` names the property in the message.
    pub(crate) fn validate(&self, what: &str) -> Result<(), String> {
        let finite = |v: f64| v.is_finite();
        match self {
            Property::Constant { value } if !finite(*value) => Err(format!(
                "{what}: the constant value must be a finite number"
            )),
            Property::Linear { slope, offset } if !finite(*slope) || !finite(*offset) => {
                Err(format!("{what}: slope and offset must be finite numbers"))
            }
            Property::Table { x, y } => {
                if x.is_empty() || x.len() != y.len() {
                    return Err(format!(
                        "{what}: a table needs as many x as y values and at least one point (got {} and {})",
                        x.len(),
                        y.len()
                    ));
                }
                if !x.iter().chain(y.iter()).all(|v| finite(*v)) {
                    return Err(format!("{what}: table values must be finite numbers"));
                }
                if x.windows(2).any(|w| w[1] <= w[0]) {
                    return Err(format!(
                        "{what}: table x values must be strictly increasing"
                    ));
                }
                Ok(())
            }
            _ => Ok(()),
        }
    }
}

/// Index of the segment `[x[i], x[i+1]]` used for `arg` (the first or last segment outside the
/// table, as linear extrapolation does).
fn segment(x: &[f64], arg: f64) -> usize {
    if x.len() < 2 {
        return 0;
    }
    let upper = x.partition_point(|&v| v <= arg);
    upper.clamp(1, x.len() - 1) - 1
}

fn interpolate(x: &[f64], y: &[f64], arg: f64) -> f64 {
    match x.len() {
        0 => f64::NAN,
        1 => y[0],
        _ => {
            let i = segment(x, arg);
            let t = (arg - x[i]) / (x[i + 1] - x[i]);
            y[i] + t * (y[i + 1] - y[i])
        }
    }
}

/// The gas: density at normal temperature, dynamic viscosity and compressibility factor.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Fluid {
    /// Name of the fluid (for example `lgas`).
    pub name: String,
    /// Density in kg/m³ at 1.01325 bar against temperature in K; the solver uses it at the normal
    /// temperature 273.15 K (the normal density ρₙ).
    pub density_kg_per_m3: Property,
    /// Dynamic viscosity in Pa·s against temperature in K.
    pub viscosity_pa_s: Property,
    /// Compressibility factor Z (dimensionless) against absolute pressure in bar.
    pub compressibility: Property,
}

/// The temperatures, K, of pandapipes' lgas, hgas and methane tables.
const LGAS_T_K: [f64; 8] = [263.0, 273.0, 283.0, 293.0, 303.0, 313.0, 323.0, 333.0];

impl Fluid {
    /// Low-calorific natural gas as pandapipes 0.16 defines it (`pandapipes.create_fluid_from_lib(net,
    /// "lgas")`): density (kg/m³ at 1.01325 bar) and dynamic viscosity (Pa·s) tabulated from
    /// 263 to 333 K and extrapolated linearly, and Z = 1 − 0.0022·p (p absolute, bar). The
    /// numbers are those of the fluid saved in `tests/fixtures/six_pipe_lgas.pandapipes.json`,
    /// so a network built with it solves as the same network saved by pandapipes.
    pub fn lgas() -> Self {
        Self::tabulated(
            "lgas",
            [
                0.830_617_805_181_402_6,
                0.799_922_400_724_048,
                0.771_431_663_926_218_6,
                0.744_913_970_877_139_2,
                0.720_170_096_120_510_1,
                0.697_022_455_349_376_7,
                0.675_326_321_728_917_8,
                0.654_947_623_827_148_3,
            ],
            [
                1.081_980_573_344_035_2e-5,
                1.119_181_280_779_019_7e-5,
                1.151_829_947_659_645_4e-5,
                1.184_375_289_004_347_7e-5,
                1.219_016_269_737_491_9e-5,
                1.257_297_411_679_002_6e-5,
                1.289_620_189_480_134_8e-5,
                1.321_848_158_511_815_1e-5,
            ],
        )
    }

    /// High-calorific natural gas as pandapipes 0.16 defines it (`create_fluid_from_lib(net,
    /// "hgas")`): the same form as [`Fluid::lgas`] (tables from 263 to 333 K, Z = 1 − 0.0022·p),
    /// with the numbers printed by `bench/gas/fluid_tables.py` from the installed pandapipes.
    pub fn hgas() -> Self {
        Self::tabulated(
            "hgas",
            [
                0.761_476_259_106_425_7,
                0.733_332_277_439_119,
                0.707_210_492_383_569_4,
                0.682_894_760_061_169_2,
                0.660_205_611_537_355,
                0.638_985_485_567_907_5,
                0.619_094_632_931_785_6,
                0.600_407_458_852_448_7,
            ],
            [
                1.004_711_836_185_304_1e-5,
                1.040_217_502_204_61e-5,
                1.070_486_648_004_847_4e-5,
                1.100_740_229_786_399_2e-5,
                1.133_700_513_934_937_5e-5,
                1.170_765_177_634_217e-5,
                1.201_033_261_939_507_9e-5,
                1.231_274_052_527_204e-5,
            ],
        )
    }

    /// Methane as pandapipes 0.16 defines it (`create_fluid_from_lib(net, "methane")`): the same
    /// form as [`Fluid::lgas`], numbers printed by `bench/gas/fluid_tables.py`.
    pub fn methane() -> Self {
        Self::tabulated(
            "methane",
            [
                0.735_423,
                0.708_259_3,
                0.683_046_3,
                0.659_573_45,
                0.637_666_5,
                0.617_182_3,
                0.597_977_15,
                0.579_933_65,
            ],
            [
                1.003_97e-5,
                1.039_45e-5,
                1.069_45e-5,
                1.099_45e-5,
                1.132_6e-5,
                1.169_45e-5,
                1.199_45e-5,
                1.229_45e-5,
            ],
        )
    }

    /// A fluid with pandapipes' table temperatures and Z = 1 − 0.0022·p.
    fn tabulated(name: &str, density: [f64; 8], viscosity: [f64; 8]) -> Self {
        Fluid {
            name: name.to_owned(),
            density_kg_per_m3: Property::Table {
                x: LGAS_T_K.to_vec(),
                y: density.to_vec(),
            },
            viscosity_pa_s: Property::Table {
                x: LGAS_T_K.to_vec(),
                y: viscosity.to_vec(),
            },
            compressibility: Property::Linear {
                slope: -0.0022,
                offset: 1.0,
            },
        }
    }

    /// Density at normal conditions (0 °C, 1.01325 bar), kg/m³.
    pub fn normal_density_kg_per_m3(&self) -> f64 {
        self.density_kg_per_m3.at(super::NORMAL_TEMPERATURE_K)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_interpolates_and_extrapolates_linearly() {
        let p = Property::Table {
            x: vec![263.0, 273.0, 283.0],
            y: vec![1.0, 2.0, 4.0],
        };
        assert!((p.at(268.0) - 1.5).abs() < 1e-12);
        assert!((p.at(278.0) - 3.0).abs() < 1e-12);
        assert!((p.at(253.0) - 0.0).abs() < 1e-12);
        assert!((p.at(293.0) - 6.0).abs() < 1e-12);
        assert!((p.derivative_at(290.0) - 0.2).abs() < 1e-12);
    }

    #[test]
    fn lgas_is_pandapipes_lgas() {
        let gas = Fluid::lgas();
        // pandapipes' normal density of lgas (docs/methodology.md): 0.799495 kg/m³ at 273.15 K.
        assert!((gas.normal_density_kg_per_m3() - 0.799_495).abs() < 1e-6);
        // And the viscosity the Dostyk examples use at 288.15 K.
        assert!((gas.viscosity_pa_s.at(288.15) - 1.168_59e-5).abs() < 1e-10);
        for (p, name) in [
            (&gas.density_kg_per_m3, "density"),
            (&gas.viscosity_pa_s, "viscosity"),
            (&gas.compressibility, "z"),
        ] {
            p.validate(name).unwrap();
        }
    }

    #[test]
    fn hgas_and_methane_are_pandapipes_fluids() {
        // Normal densities at 273.15 K printed by bench/gas/fluid_tables.py from pandapipes
        // 0.16.0 (`net.fluid.get_density(273.15)`).
        for (gas, rho_n) in [
            (Fluid::hgas(), 0.732_940_450_663_285_8),
            (Fluid::methane(), 0.707_881_105),
        ] {
            assert!(
                (gas.normal_density_kg_per_m3() - rho_n).abs() < 1e-9,
                "{}: {}",
                gas.name,
                gas.normal_density_kg_per_m3()
            );
            for p in [
                &gas.density_kg_per_m3,
                &gas.viscosity_pa_s,
                &gas.compressibility,
            ] {
                p.validate(&gas.name).unwrap();
            }
        }
    }

    #[test]
    fn linear_compressibility_matches_pandapipes_law() {
        let z = Property::Linear {
            slope: -0.0022,
            offset: 1.0,
        };
        assert!((z.at(70.0) - 0.846).abs() < 1e-12);
        assert!(
            Property::Table {
                x: vec![1.0, 1.0],
                y: vec![0.0, 1.0]
            }
            .validate("z")
            .is_err()
        );
    }
}
