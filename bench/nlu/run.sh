#!/usr/bin/env bash
# Biseo's classifier against the Python baselines on the same splits, one table.
#
#   bench/nlu/run.sh [SET…]          SET: corpus (Intents/ → Corpus/nlu), chatbot, 3i4k, nsmc,
#                                     parakqc (default: corpus chatbot 3i4k; nsmc and parakqc
#                                     take minutes)
# Environment:
#   NLU_DATA   folder holding chatbot/ 3i4k/ nsmc/ with train.tsv and test.tsv
#              (default: data/nlu, as built by the shared prepare.sh)
#   NLU_VENV   Python venv with fasttext-wheel, scikit-learn, threadpoolctl (default /tmp/nlu-venv;
#              created on first use)
#   NLU_OUT    where results go (default /tmp/biseo-nlu-bench)
#   PARAKQC    paraKQC_v1.txt (warnikchow/paraKQC, data/), split by parakqc.py into
#              $NLU_OUT/parakqc (8 train / 2 test lines of each of the 1,000 labels)
#   BASELINES  0 to skip the Python baselines and reuse $NLU_OUT/baselines/baselines.json
set -euo pipefail
cd "$(dirname "$0")/../.."

sets=("$@")
[ ${#sets[@]} -gt 0 ] || sets=(corpus chatbot 3i4k)
data=${NLU_DATA:-data/nlu}
venv=${NLU_VENV:-/tmp/nlu-venv}
out=${NLU_OUT:-/tmp/biseo-nlu-bench}
mkdir -p "$out/corpus" "$out/baselines"

swift build -c release --product biseo >&2
biseo=$(swift build -c release --show-bin-path)/biseo

# The corpus split: train = the examples in Intents/ (marks removed), test = Corpus/nlu.
python3 bench/nlu/intents_tsv.py Intents > "$out/corpus/train.tsv"
cp Corpus/nlu/test.tsv "$out/corpus/test.tsv"

# Peak resident memory and wall time of each Biseo run, when GNU time is there.
timed() {
  local set=$1
  shift
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -v -o "$out/biseo-$set.time" "$@"
  else
    "$@"
  fi
}

dirs=()
for set in "${sets[@]}"; do
  if [ "$set" = corpus ]; then
    echo "biseo: corpus" >&2
    timed corpus "$biseo" eval --test Corpus/nlu/test.tsv --json > "$out/biseo-corpus.json"
    dirs+=("$out/corpus")
  elif [ "$set" = parakqc ]; then
    [ -f "${PARAKQC:-}" ] || { echo "set PARAKQC to paraKQC_v1.txt" >&2; exit 2; }
    mkdir -p "$out/parakqc"
    python3 bench/nlu/parakqc.py "$PARAKQC" "$out/parakqc"
    echo "biseo: parakqc" >&2
    timed parakqc "$biseo" eval --train "$out/parakqc/train.tsv" --test "$out/parakqc/test.tsv" \
      --json > "$out/biseo-parakqc.json"
    dirs+=("$out/parakqc")
  else
    [ -f "$data/$set/train.tsv" ] || { echo "no $data/$set/train.tsv (set NLU_DATA)" >&2; exit 2; }
    echo "biseo: $set" >&2
    timed "$set" "$biseo" eval --train "$data/$set/train.tsv" --test "$data/$set/test.tsv" --json \
      > "$out/biseo-$set.json"
    dirs+=("$data/$set")
  fi
done

if [ "${BASELINES:-1}" != 0 ]; then
  if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q fasttext-wheel scikit-learn threadpoolctl
  fi
  "$venv/bin/python" bench/nlu/baselines.py --models ft,lr --out "$out/baselines" "${dirs[@]}" >&2
fi

python3 bench/nlu/table.py "$out" "${sets[@]}"
