#!/usr/bin/env python3
"""Makes the sample's recording, sample/recordings/rn.ogg, and the timestamps of the transcript it
belongs to (sample/transcripts/customers/rn.transcript.md): each turn is spoken by espeak-ng
(Indonesian; the researcher and the informant at two pitches), the turns are joined with a pause,
and each turn's label gets the second at which its speech starts.

Run once by hand (apt-get install espeak-ng vorbis-tools); its output is committed, so tests and CI
need neither tool. Run again after editing the transcript's words.
"""
import os, re, subprocess, tempfile, wave

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TRANSCRIPT = os.path.join(ROOT, 'sample/transcripts/customers/rn.transcript.md')
RECORDING = os.path.join(ROOT, 'sample/recordings/rn.ogg')
MEDIA = '../../recordings/rn.ogg'  # relative to the transcript's folder
PAUSE = 0.6  # seconds of silence between turns
LEAD = 0.5  # seconds of silence before the first turn
PITCH = {'P': 35, 'RN': 75}

TURN = re.compile(r'^([\w.-]+):[ \t]+(?:\[\d{2}:\d{2}:\d{2}\][ \t]+)?(.*)$')

def spoken(text):
    """The words of a turn: tag blocks and the brackets of coded spans are not said."""
    text = re.sub(r'\s*\{[#|-][^}]*\}', '', text)
    return text.replace('[', '').replace(']', '')

def clock(seconds):
    s = int(seconds)
    return f'{s // 3600:02d}:{s // 60 % 60:02d}:{s % 60:02d}'

def main():
    lines = open(TRANSCRIPT, encoding='utf-8').read().split('\n')
    frames, rate, at = [], None, LEAD
    out_lines = []
    fences = 0  # the front matter's '---' lines seen
    with tempfile.TemporaryDirectory() as tmp:
        for line in lines:
            if line == '---':
                fences += 1
            m = TURN.match(line) if fences >= 2 else None
            if not m:
                if line.startswith('media:'):
                    continue
                out_lines.append(line)
                if line.startswith('interviewer:'):
                    out_lines.append(f'media: {MEDIA}')
                continue
            label, text = m.groups()
            wav = os.path.join(tmp, f'{len(frames)}.wav')
            subprocess.run(['espeak-ng', '-v', 'id', '-s', '150', '-p', str(PITCH.get(label, 50)), '-w', wav, spoken(text)], check=True)
            with wave.open(wav) as w:
                rate = rate or w.getframerate()
                data = w.readframes(w.getnframes())
            frames.append((at, data))
            out_lines.append(f'{label}: [{clock(at)}] {text}')
            at += len(data) / 2 / rate + PAUSE
        joined = bytearray(int(at * rate) * 2)
        for start, data in frames:
            offset = int(start * rate) * 2
            joined[offset:offset + len(data)] = data
        mixed = os.path.join(tmp, 'rn.wav')
        with wave.open(mixed, 'wb') as w:
            w.setnchannels(1)
            w.setsampwidth(2)
            w.setframerate(rate)
            w.writeframes(bytes(joined))
        subprocess.run(['oggenc', '-Q', '-q', '0', '--resample', '16000', '-o', RECORDING, mixed], check=True)
    open(TRANSCRIPT, 'w', encoding='utf-8').write('\n'.join(out_lines))
    print(f'{RECORDING}: {at:.1f} s, {os.path.getsize(RECORDING)} bytes; {len(frames)} turns timestamped')

main()
