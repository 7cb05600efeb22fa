package io.github.lstmdynamics.ode;

import com.google.gson.JsonObject;

/**
 * The right-hand sides of the scipy fixtures, written with the same expressions (and so the same
 * floating-point operations) as tools/reference/ode/make_fixtures.py.
 */
final class ReferenceSystems {

    private ReferenceSystems() {
    }

    static OdeSystem byName(String name, JsonObject params) {
        switch (name) {
            case "van_der_pol":
                return vanDerPol(params.get("mu").getAsDouble());
            case "exponential_decay": {
                double k = params.get("k").getAsDouble();
                return (t, y, dydt) -> {
                    for (int i = 0; i < y.length; i++) {
                        dydt[i] = k * y[i];
                    }
                };
            }
            case "arenstorf":
                return arenstorf(params.get("mu").getAsDouble());
            case "lorenz": {
                double sigma = params.get("sigma").getAsDouble();
                double rho = params.get("rho").getAsDouble();
                double beta = params.get("beta").getAsDouble();
                return (t, y, dydt) -> {
                    dydt[0] = sigma * (y[1] - y[0]);
                    dydt[1] = y[0] * (rho - y[2]) - y[1];
                    dydt[2] = y[0] * y[1] - beta * y[2];
                };
            }
            case "harmonic":
                return harmonic(params.get("omega").getAsDouble());
            case "reaction_diffusion": {
                double c = params.get("c").getAsDouble();
                return (t, y, dydt) -> {
                    int n = y.length;
                    for (int i = 0; i < n; i++) {
                        double left = i > 0 ? y[i - 1] : 0.0;
                        double right = i < n - 1 ? y[i + 1] : 0.0;
                        dydt[i] = c * (left - 2 * y[i] + right) - y[i] * y[i] * y[i];
                    }
                };
            }
            case "blow_up":
                return (t, y, dydt) -> dydt[0] = y[0] * y[0];
            default:
                throw new IllegalArgumentException("unknown reference system " + name);
        }
    }

    static OdeSystem vanDerPol(double mu) {
        return (t, y, dydt) -> {
            dydt[0] = y[1];
            dydt[1] = mu * (1 - y[0] * y[0]) * y[1] - y[0];
        };
    }

    static OdeSystem harmonic(double omega) {
        return (t, y, dydt) -> {
            dydt[0] = y[1];
            dydt[1] = -omega * omega * y[0];
        };
    }

    static OdeSystem arenstorf(double mu) {
        double muPrime = 1 - mu;
        return (t, y, dydt) -> {
            double x = y[0];
            double yy = y[1];
            double vx = y[2];
            double vy = y[3];
            // r^3 as r2 * sqrt(r2), as the fixture script does: sqrt is correctly rounded everywhere
            double r1 = (x + mu) * (x + mu) + yy * yy;
            double r2 = (x - muPrime) * (x - muPrime) + yy * yy;
            double d1 = r1 * Math.sqrt(r1);
            double d2 = r2 * Math.sqrt(r2);
            dydt[0] = vx;
            dydt[1] = vy;
            dydt[2] = x + 2 * vy - muPrime * (x + mu) / d1 - mu * (x - muPrime) / d2;
            dydt[3] = yy - 2 * vx - muPrime * yy / d1 - mu * yy / d2;
        };
    }

}
