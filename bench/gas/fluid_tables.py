"""Prints the fluid tables of the installed pandapipes as Rust literals for
crates/transit-gas/src/network/fluid.rs (`Fluid::lgas`, `Fluid::hgas`, `Fluid::methane`), and checks
that every fluid uses the temperatures of the lgas table and a linear compressibility.

Usage (from the repository root):
    PY=$(bash ../shared/peers/setup.sh | tail -1)
    $PY bench/gas/fluid_tables.py lgas hgas methane

The numbers are read through pandapipes' own API (`create_fluid_from_lib`), so they are the
values a network saved by pandapipes carries; nothing of pandapipes is copied into the repository
but these numbers.
"""
import sys

import numpy as np
import pandapipes as pp

T_K = [263.0, 273.0, 283.0, 293.0, 303.0, 313.0, 323.0, 333.0]


def rust_floats(values):
    return "\n".join("                    %r," % float(v) for v in values)


def main():
    print("// pandapipes %s" % pp.__version__)
    for name in sys.argv[1:] or ["lgas", "hgas", "methane"]:
        net = pp.create_empty_network()
        pp.create_fluid_from_lib(net, name, overwrite=True)
        fluid = net.fluid
        density = fluid.all_properties["density"]
        viscosity = fluid.all_properties["viscosity"]
        z = fluid.all_properties["compressibility"]
        for prop in (density, viscosity):
            if not np.allclose(prop.prop_getter.x, T_K):
                sys.exit("%s: temperatures %s differ from %s" % (name, list(prop.prop_getter.x), T_K))
        print("// %s: compressibility slope %r offset %r" % (name, float(z.slope), float(z.offset)))
        print("// %s density\n%s" % (name, rust_floats(density.prop_getter.y)))
        print("// %s viscosity\n%s" % (name, rust_floats(viscosity.prop_getter.y)))
        print("// %s normal density at 273.15 K: %r" % (name, float(fluid.get_density(273.15))))


if __name__ == "__main__":
    main()
