package io.faultline.ingestion.network;

import java.util.ArrayList;
import java.util.List;

/** One RFC 4180 CSV line to fields: quoted fields may hold commas and doubled quotes. */
final class Csv {

    private Csv() {
    }

    static List<String> fields(String line) {
        List<String> out = new ArrayList<>(4);
        if (line.indexOf('"') < 0) { // the common case: no quoting, plain split
            int from = 0;
            int comma;
            while ((comma = line.indexOf(',', from)) >= 0) {
                out.add(line.substring(from, comma));
                from = comma + 1;
            }
            out.add(line.substring(from));
            return out;
        }
        StringBuilder f = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        f.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    f.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(f.toString());
                f.setLength(0);
            } else {
                f.append(c);
            }
        }
        out.add(f.toString());
        return out;
    }
}
