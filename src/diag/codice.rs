//! The registry of diagnostic codes: one enum, each code with its severity and the
//! description the README's "Controlli" table shows (a test keeps the two equal).

use serde::Serialize;

use super::Severity;

macro_rules! codici {
    ($($code:ident => $severity:ident, $description:literal;)*) => {
        /// A diagnostic's stable code (`P001`), printed and serialised as its name.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Codice {
            $(
                #[doc = $description]
                $code,
            )*
        }

        impl Codice {
            /// Every code, in the order of the README's table.
            pub const ALL: &'static [Codice] = &[$(Codice::$code),*];

            /// The code as printed: `P001`.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Codice::$code => stringify!($code),)*
                }
            }

            /// How serious a problem with this code is, before `--rigoroso`.
            pub fn severity(self) -> Severity {
                match self {
                    $(Codice::$code => Severity::$severity,)*
                }
            }

            /// What the check looks at, in Italian, as in the README.
            pub fn descrizione(self) -> &'static str {
                match self {
                    $(Codice::$code => $description,)*
                }
            }
        }
    };
}

codici! {
    P001 => Errore, "sintassi JSON (riga e colonna)";
    P002 => Errore, "tipo o valore non valido";
    P003 => Errore, "campo obbligatorio mancante";
    P004 => Errore, "campo non previsto (con suggerimento del nome giusto)";
    P005 => Errore, "valore non ammesso in un elenco chiuso";
    P006 => Errore, "carattere di controllo in un testo";
    P007 => Errore, "data non valida";
    P008 => Errore, "anno di fine prima dell'anno di inizio";
    P009 => Errore, "adozione prima della validazione dell'OIV";
    P010 => Errore, "livello dell'albero senza nome in `livelli`";
    P011 => Errore, "scadenza o anno non previsti";
    P012 => Avviso, "indicatore senza target per una scadenza del suo livello (`\"-\"` se non applicabile)";
    P013 => Errore, "percentuale fuori dall'intervallo 0–100";
    P014 => Errore, "campo scritto due volte nello stesso oggetto";
    P015 => Errore, "periodo del piano o del POLA fuori dai limiti: anni dal 1900 al 2200, al massimo 10 anni";
    P020 => Errore, "obiettivo assegnato a un dirigente che non esiste";
    P021 => Errore, "`id` usato due volte";
    P022 => Errore, "lo stesso numero (`numero`, o codice derivato) dato a due obiettivi";
    P023 => Errore, "nodi della stessa scheda numerata non consecutivi";
    P024 => Errore, "numero del capitolo di pianificazione (`documento.numero_capitolo`) non maggiore dei capitoli numerati che lo precedono";
    P030 => Errore, "pesi che non sommano a 100% (obiettivi fratelli, indicatori per scadenza)";
    P031 => Avviso, "pesi mancanti";
    P033 => Errore, "pesi degli obiettivi di un dirigente che non sommano a 100%";
    P040 => Avviso, "testo segnaposto (`n.____`, `TODO`, `XXX`, `[...]`, un campo con solo `...`)";
    P041 => Errore, "titolo o descrizione vuoti";
    P042 => Avviso, "titolo di un obiettivo riscritto in un'assegnazione e diverso da quello dell'albero";
    P043 => Avviso, "deliberazione senza numero: il frontespizio riporta solo ciò che è noto";
    P044 => Avviso, "`periodo`, `gruppo` o `scheda` su un nodo dove il documento non li stampa (il gruppo solo sulle azioni, il periodo su azioni e schede)";
    P045 => Avviso, "chiave di una sezione o di un'intestazione che lì non si applica: `posizione` o `numerata` fuori posto, sezioni di un nodo che le schede non stampano, titolo delle assegnazioni in un piano che non ne ha";
    P050 => Errore, "righe di tabella, serie di grafico o conteggi con un numero di valori diverso da colonne, categorie o periodi";
    P051 => Errore, "POLA: più lavoratori agili che dipendenti in un mese";
    P052 => Errore, "POLA: fase o anno non previsti nel programma di sviluppo o negli indicatori";
    P060 => Errore, "richiesto il POLA (`--documento pola`) ma il piano non lo contiene";
    P070 => Errore, "il logo indicato in `ente.logo` non si riesce a leggere, è fuori dalla cartella del piano, è troppo grande o dichiara dimensioni eccessive (vedi [Limiti e confini](#limiti-e-confini))";
    P071 => Errore, "un file della cartella `fonts` accanto al piano non è un font leggibile";
    P081 => Errore, "un carattere che nessun font ha (riga e colonna del carattere, codice Unicode)";
    P082 => Errore, "un elenco Markdown annidato su più di 8 livelli";
    P090 => Avviso, "campo accettato ma non stampato: il documento non ha un posto per esso (ad esempio un campo di un nodo senza scheda)";
    P100 => Errore, "consuntivo: anno fuori dal periodo del piano, o piano indicato in `piano` che non si riesce a leggere";
    P101 => Errore, "consuntivo: obiettivo o indicatore che non esiste nel piano";
    P102 => Errore, "consuntivo: scadenza che il livello dell'obiettivo non ha";
    P103 => Errore, "consuntivo: due risultati per lo stesso indicatore e scadenza, o un risultato senza valore";
    P104 => Avviso, "consuntivo: indicatore senza risultato alla scadenza dell'anno (conta come dice `misurazione.risultato_mancante`)";
    P105 => Errore, "consuntivo: valore di tipo diverso da quello del target (una data per un target numerico, un numero per `SI`)";
    P106 => Errore, "consuntivo: unità diversa da quella del target";
    P107 => Errore, "consuntivo: grado di raggiungimento (`realizzazione`) mancante per un target a parole, o dichiarato per un target che una regola misura";
    P108 => Errore, "consuntivo: opzione di `piano build` che non si applica alla Relazione (`--documento`, `--confronta`)";
    P110 => Errore, "rischi: `id` usato due volte nella sottosezione 2.3 (obiettivi, misure, attività, eventi)";
    P111 => Errore, "rischi: misura specifica collegata a un evento rischioso che non esiste";
    P112 => Errore, "rischi: misura collegata a un obiettivo che non esiste (misura generale → obiettivo generale, misura specifica → obiettivo di prevenzione)";
    P113 => Errore, "rischi: monitoraggio di una misura che non esiste";
    P114 => Errore, "rischi: obiettivo di prevenzione collegato a un obiettivo organizzativo che non è nell'albero, o a un obiettivo di valore pubblico o una strategia che non sono nella sottosezione 2.1";
    P115 => Errore, "rischi: probabilità, impatto o controlli fuori dalla scala dell'ente (da 1 al massimo dichiarato in `scala`)";
    P116 => Errore, "rischi: livello di un evento che contraddice le soglie dell'ente (`scala.soglie`) per il suo valore P×I×C";
    P117 => Errore, "rischi: soglie della scala non crescenti (`basso` non minore di `medio`)";
    P118 => Avviso, "rischi: evento rischioso senza motivazione del livello";
    P119 => Avviso, "rischi: misura specifica senza monitoraggio";
    P120 => Avviso, "PIAO 3.3.1: `rimodulazione` vera senza la tabella della dotazione organica rimodulata (`tabelle.dotazione_rimodulata`)";
    P121 => Errore, "PIAO 3.3.1: tabella della dotazione organica rimodulata senza `rimodulazione` vera";
    P122 => Errore, "PIAO 3.1 e 3.3.1: numero negativo di unità di personale o importo negativo (solo le voci di spesa delle tabelle 10–13 possono essere negative)";
    P123 => Errore, "PIAO 3.1 e 3.3.1: numero di unità di personale non intero (ampiezza organizzativa, personale per profilo, tabelle del personale)";
    P124 => Errore, "PIAO 3.3.1: un «di cui» maggiore del suo totale (comandati OUT più del personale di ruolo)";
    P125 => Errore, "PIAO: riga di una tabella funzionale collegata a un obiettivo di valore pubblico che non esiste in `piao.valore_pubblico`";
    P126 => Errore, "PIAO 3.3.1: anno di `tabelle.copertura` fuori dal triennio del piano, o ripetuto";
    P127 => Avviso, "PIAO: indicatore di una tabella funzionale con un target per un anno fuori dal triennio (non stampato)";
    P130 => Errore, "PIAO: `id` ripetuto tra gli obiettivi di valore pubblico, le strategie attuative, le priorità politiche, le aree organizzative o gli stakeholder";
    P131 => Errore, "PIAO: obiettivo del piano collegato (`strategia`) a una strategia attuativa che non esiste nella sottosezione 2.1";
    P132 => Errore, "PIAO: obiettivo di valore pubblico che nomina un'area organizzativa, una priorità politica o uno stakeholder che non esiste nella sezione 1";
    P133 => Avviso, "PIAO: obiettivo di valore pubblico senza strategie attuative, o sottosezione 2.1 senza obiettivi (il Portale PIAO chiede almeno un OVP con almeno una strategia)";
    P134 => Errore, "PIAO: risorsa finanziaria per un obiettivo di valore pubblico che non esiste";
    P135 => Avviso, "PIAO: testo che il Portale PIAO richiede mancante (`cronoprogramma` e `missione` della sezione 1, `concetto` della 2.1)";
    P140 => Errore, "PIAO: data di fine prima della data di inizio (sottofase o categoria di obiettivi del monitoraggio, attività formativa)";
    P141 => Avviso, "PIAO: milestone o categoria di obiettivi fuori dalle date della sua sottofase";
    P142 => Errore, "PIAO: categoria di obiettivi del monitoraggio che rimanda a una sottofase che non esiste";
    P143 => Errore, "PIAO: identificativo di sottofase o codice di attività formativa ripetuto";
    P144 => Avviso, "PIAO: attività formativa con target o formati di destinatari che non ha, o con formati negli obiettivi (vanno nella fotografia)";
    P150 => Errore, "PIAO: sottosezione obbligatoria mancante (tutte nel PIAO ordinario; 1, 2.3, 3.1, 3.2 e 3.3.1 nel semplificato)";
    P151 => Errore, "PIAO: la sottosezione 3.2 Lavoro agile non dice come assicura una delle cinque condizioni dell'art. 4, comma 1, lettera b), del DM 132/2022";
    P152 => Avviso, "PIAO: dato per il caricamento sul Portale PIAO mancante o fuori dai limiti del modulo (atto di adozione, estremi oltre 200 caratteri, indirizzo oltre 500)";
    P160 => Errore, "foglio di calcolo: un numero in una colonna di testo, un testo dove serve un numero, o una descrizione svuotata";
    P161 => Errore, "foglio di calcolo: peso fuori dall'intervallo 0–100";
    P162 => Errore, "foglio di calcolo: codice (obiettivo, indicatore, dirigente, scadenza) che non è nel piano, o riga ripetuta";
    P163 => Errore, "foglio di calcolo: riga aggiunta senza codice";
    P164 => Errore, "foglio di calcolo: colonna rinominata o mancante (come quella di una scadenza), o nessuno dei fogli esportati";
    P165 => Errore, "foglio di calcolo: valore fuori dall'elenco chiuso (tipo di indicatore)";
    P166 => Avviso, "foglio di calcolo: cella di riferimento cambiata, colonna o foglio in più (ignorati)";
    P170 => Errore, "foglio di calcolo: file che non si riesce a leggere (mancante, danneggiato, o non `.xlsx` né `.ods`)";
    P171 => Errore, "foglio di calcolo: manca un foglio (scheda) che serve";
    P172 => Errore, "foglio di calcolo: cella che non contiene un numero dove serve un numero (anche `1.234,5` e `85,5%` scritti come testo si leggono)";
    P173 => Errore, "foglio di calcolo: data che non si riesce a leggere (una data del foglio, o un testo come `31/12/2023` o `2023-12-31`)";
    P174 => Errore, "foglio di calcolo: cella con un errore di calcolo (`#DIV/0!`, `#N/D`, `#RIF!`...)";
    P175 => Errore, "foglio di calcolo: cella che non contiene `SI` o `NO` (vero o falso) dove serve";
    P176 => Errore, "foglio di calcolo: manca una colonna che serve nella riga delle intestazioni";
    T001 => Errore, "errore in un modello (file e riga del modello)";
    T002 => Errore, "errore di composizione Typst (riga del file generato e modello che l'ha prodotta); anche un font mancante è un errore";
    T003 => Avviso, "avviso di composizione Typst";
    T004 => Errore, "composizione di un documento non finita entro `--limite-tempo` (predefinito 120 s)";
    E001 => Errore, "dati aperti non generati (errore interno del programma)";
}

impl std::fmt::Display for Codice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Codice {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The rows of the README's "Controlli" table: code, severity, description.
    fn readme_table() -> Vec<(String, String, String)> {
        let readme = include_str!("../../README.md");
        let section = readme
            .split("\n## Controlli\n")
            .nth(1)
            .expect("the README has a `## Controlli` section");
        section
            .lines()
            .skip_while(|l| !l.starts_with('|'))
            .take_while(|l| l.starts_with('|'))
            .skip(2)
            .map(|l| {
                let cells: Vec<&str> = l.trim_matches('|').split(" | ").map(str::trim).collect();
                assert_eq!(cells.len(), 3, "a row with three cells: {l}");
                (cells[0].into(), cells[1].into(), cells[2].into())
            })
            .collect()
    }

    #[test]
    fn the_readme_table_is_the_registry() {
        let registry: Vec<(String, String, String)> = Codice::ALL
            .iter()
            .map(|c| {
                let gravita = match c.severity() {
                    Severity::Errore => "errore",
                    Severity::Avviso => "avviso",
                };
                (c.as_str().into(), gravita.into(), c.descrizione().into())
            })
            .collect();
        assert_eq!(readme_table(), registry);
    }

    #[test]
    fn codes_print_and_serialise_as_their_name() {
        assert_eq!(Codice::P033.to_string(), "P033");
        assert_eq!(serde_json::to_string(&Codice::T003).unwrap(), "\"T003\"");
        assert_eq!(Codice::P031.severity(), Severity::Avviso);
    }
}
