// The generator lives with the benchmarks, which replay runs too, so scripts never load tests/.
export { seededRandom } from "../../scripts/bench/seeded-random";
