//! Load stage: the Italian descriptions of the plan's JSON Schema, shown by an editor while
//! the office types a plan.
//!
//! The model's doc comments are code documentation, in English; schemars copies them into
//! the schema. [`applica`] removes them and writes the descriptions of these tables
//! instead, one per type, per field and per variant. A unit test fails when a type, field
//! or variant of the schema has none, so a new field cannot be added without one.

use serde_json::Value;

/// The schema's title, as an editor shows it.
pub const TITOLO: &str = "Piano della Performance";

/// Descriptions of the types, by schema name (`Piano` is the root).
const TIPI: &[(&str, &str)] = &[
    (
        "Piano",
        "Il Piano della Performance di un ente pubblico, con l'eventuale POLA: i dati da cui `piano` genera i documenti ufficiali",
    ),
    ("Ente", "L'ente pubblico che adotta il piano"),
    ("Documento", "Titolo e periodo del documento"),
    ("Atto", "Un atto del piano: organo, tipo, numero e data"),
    ("TipoAtto", "Tipo di atto"),
    (
        "Livello",
        "Un livello dell'albero degli obiettivi, con i nomi usati dall'ente",
    ),
    (
        "Ponderazione",
        "Come si combinano, nel raggiungimento di un obiettivo, i suoi indicatori e gli obiettivi collegati",
    ),
    (
        "Nodo",
        "Un nodo dell'albero: un'area, un obiettivo strategico od operativo, un'azione; il codice (1, 1.2, 1.2.3) è calcolato dalla posizione",
    ),
    (
        "Bilancio",
        "Missione e Programma della classificazione del bilancio dello Stato",
    ),
    ("VoceBilancio", "Una voce di bilancio: codice e descrizione"),
    ("Indicatore", "Un indicatore, con baseline, target e peso"),
    ("TipoIndicatore", "Tipo di indicatore"),
    (
        "Peso",
        "Un peso in percentuale: lo stesso per tutte le scadenze, o uno per scadenza",
    ),
    (
        "Percentuale",
        "Una percentuale da 0 a 100 (40 significa 40%)",
    ),
    (
        "Target",
        "Un target come lo scrive il piano: un testo, un numero o un testo con la struttura numerica",
    ),
    (
        "TargetStrutturato",
        "Un target con il suo testo e la struttura numerica, che serve a calcolare il grado di raggiungimento",
    ),
    ("Risorsa", "Una riga di risorse finanziarie"),
    ("AziendaSpeciale", "Un'azienda speciale e i suoi obiettivi"),
    (
        "Assegnazioni",
        "L'assegnazione degli obiettivi ai dirigenti",
    ),
    (
        "Dirigente",
        "Un dirigente e gli obiettivi che gli sono assegnati",
    ),
    (
        "ObiettivoAssegnato",
        "Un obiettivo assegnato a un dirigente",
    ),
    (
        "Sezione",
        "Un capitolo o paragrafo: blocchi di contenuto e sottosezioni",
    ),
    (
        "Blocco",
        "Un blocco di contenuto: un oggetto con una sola chiave, che ne indica il tipo",
    ),
    ("Tabella", "Una tabella di dati"),
    ("Colonna", "Una colonna di tabella"),
    ("Allineamento", "Allineamento orizzontale"),
    ("Formato", "Come sono stampati i numeri di una colonna"),
    (
        "Cella",
        "Una cella di tabella: un numero, un testo o null (vuota)",
    ),
    ("Grafico", "Un grafico disegnato dai dati"),
    ("TipoGrafico", "Tipo di grafico"),
    ("Serie", "Una serie di valori di un grafico"),
    ("Organigramma", "Un organigramma disegnato dai dati"),
    ("Unita", "Un'unità organizzativa"),
    ("Firma", "Una firma in fondo al documento"),
    (
        "Pola",
        "Il POLA – Piano Organizzativo del Lavoro Agile (art. 14 L. 124/2015)",
    ),
    (
        "DimensioneDfp",
        "Dimensione delle linee guida del Dipartimento della Funzione Pubblica per il POLA (DM 9 dicembre 2020)",
    ),
    ("MeseLavoroAgile", "Un mese di lavoro agile"),
    (
        "SerieMensile",
        "La serie mese per mese del lavoro agile in un anno; il documento ne ricava la quota di lavoratori agili, i totali e il grafico",
    ),
    (
        "Conteggi",
        "Conteggi per periodo di una dimensione delle linee guida DFP (es. dotazioni tecnologiche, formazione)",
    ),
    ("RigaConteggi", "Una riga di conteggi"),
    (
        "ProgrammaSviluppo",
        "Le condizioni abilitanti del programma di sviluppo e la fase o l'anno in cui ciascuna è adottata",
    ),
    (
        "CondizioneAbilitante",
        "Una condizione abilitante e la sua fase",
    ),
    (
        "IndicatoriDfp",
        "Gli indicatori del programma di sviluppo del POLA, per dimensione delle linee guida DFP",
    ),
    (
        "IndicatoreDfp",
        "Un indicatore del programma di sviluppo del POLA",
    ),
];

/// Descriptions of the fields, by type and field name.
const CAMPI: &[(&str, &str, &str)] = &[
    (
        "Piano",
        "$schema",
        "Percorso o indirizzo dello schema JSON del piano, che l'editor usa per completare e controllare il file (es. \"../schema/piano.schema.json\"); non entra nei documenti",
    ),
    ("Piano", "ente", "L'ente che adotta il piano"),
    ("Piano", "documento", "Titolo e periodo del documento"),
    (
        "Piano",
        "atti",
        "Gli atti del piano: validazione dell'OIV, adozione della Giunta, aggiornamenti successivi",
    ),
    (
        "Piano",
        "livelli",
        "I livelli dell'albero degli obiettivi, dall'alto (es. Area strategica, Obiettivo strategico, Obiettivo operativo)",
    ),
    (
        "Piano",
        "ponderazione",
        "Come il raggiungimento di un obiettivo si divide tra i suoi indicatori e gli obiettivi collegati",
    ),
    (
        "Piano",
        "introduzione",
        "Testo introduttivo del capitolo di pianificazione (Markdown ridotto)",
    ),
    (
        "Piano",
        "programmazione",
        "I documenti di programmazione da cui discende l'albero, mostrati in cima",
    ),
    (
        "Piano",
        "albero",
        "L'albero della performance: i nodi di primo livello (aree strategiche, prospettive, missioni...)",
    ),
    (
        "Piano",
        "aziende_speciali",
        "Gli obiettivi delle aziende speciali, ognuna con un ramo proprio",
    ),
    (
        "Piano",
        "assegnazioni",
        "L'assegnazione degli obiettivi ai dirigenti, con un peso per ciascuno",
    ),
    (
        "Piano",
        "sezioni",
        "I capitoli prima della pianificazione (Premessa, Presentazione, Scenario socio-economico...)",
    ),
    ("Piano", "firme", "Le firme in fondo al documento"),
    (
        "Piano",
        "pola",
        "Il POLA (Piano Organizzativo del Lavoro Agile), allegato al piano",
    ),
    ("Ente", "nome", "Denominazione completa, come in copertina"),
    (
        "Ente",
        "nome_breve",
        "Nome breve per le intestazioni delle pagine; se assente, `nome`",
    ),
    (
        "Ente",
        "tipo",
        "Tipo di ente (Camera di Commercio, Comune, Regione...)",
    ),
    ("Ente", "sito", "Sito web, in copertina e nei metadati"),
    (
        "Ente",
        "logo",
        "Il logo per la copertina: un file PNG, JPEG o SVG, con il percorso relativo al file del piano",
    ),
    (
        "Documento",
        "titolo",
        "Titolo, ad esempio \"Piano della Performance\"",
    ),
    ("Documento", "anno_inizio", "Primo anno del piano"),
    (
        "Documento",
        "anno_fine",
        "Ultimo anno del piano (uguale a `anno_inizio` per un piano annuale)",
    ),
    (
        "Documento",
        "sottotitolo",
        "Riga sotto il titolo, ad esempio il piano a cui il documento appartiene",
    ),
    (
        "Documento",
        "riferimento_normativo",
        "Riferimento normativo stampato sotto il titolo, ad esempio \"art. 10 D.Lgs. 150/2009\"",
    ),
    (
        "Documento",
        "titolo_capitolo",
        "Titolo del capitolo di pianificazione; se assente, \"Pianificazione\"",
    ),
    (
        "Documento",
        "licenza_dati",
        "Licenza dei dati aperti, come identificativo SPDX; se assente, \"CC-BY-4.0\"",
    ),
    (
        "Atto",
        "organo",
        "L'organo, ad esempio \"OIV\" o \"Giunta\"",
    ),
    (
        "Atto",
        "tipo",
        "Tipo di atto: `validazione`, `adozione` o `aggiornamento`",
    ),
    ("Atto", "numero", "Numero della deliberazione, se c'è"),
    ("Atto", "data", "Data dell'atto, nella forma AAAA-MM-GG"),
    ("Atto", "oggetto", "Oggetto dell'atto"),
    (
        "Livello",
        "nome",
        "Nome al singolare, ad esempio \"Obiettivo strategico\"",
    ),
    (
        "Livello",
        "plurale",
        "Nome al plurale, ad esempio \"Obiettivi strategici\"",
    ),
    (
        "Livello",
        "scadenze",
        "Scadenze dei target di questo livello, ad esempio [\"2021\",\"2022\",\"2023\"] o [\"30/6\",\"31/12\"]; se assenti, gli anni del piano",
    ),
    (
        "Livello",
        "scheda",
        "Se ogni nodo di questo livello ha una propria scheda; se assente, sì",
    ),
    (
        "Livello",
        "etichetta_peso",
        "Dicitura del peso nella scheda, ad esempio \"Peso nell'area strategica\"; se assente, è ricavata dal livello superiore",
    ),
    (
        "Livello",
        "numerato",
        "Se i nodi di questo livello hanno un codice (\"1.2\"); se assente, sì. Con `false` il codice compare solo per i nodi che hanno un proprio `numero`",
    ),
    (
        "Ponderazione",
        "quota_indicatori",
        "Quota in percentuale (0–100) degli indicatori propri di un obiettivo che ha anche obiettivi collegati; il resto va agli obiettivi collegati (Brescia: 50)",
    ),
    (
        "Nodo",
        "id",
        "Identificativo stabile, che non cambia con la rinumerazione: si può usare nelle assegnazioni e aiuta `piano diff`",
    ),
    (
        "Nodo",
        "numero",
        "Numero proprio del nodo, quando l'ente numera gli obiettivi da sé (\"1\", \"3\", \"7\") invece che per posizione; i codici dei figli ne derivano",
    ),
    (
        "Nodo",
        "scheda",
        "Numero della scheda in cui il nodo è stampato, quando l'ente numera le schede (\"SCHEDA 3\"); nodi fratelli consecutivi con lo stesso numero condividono una scheda",
    ),
    (
        "Nodo",
        "titolo",
        "Titolo, scritto una volta e mostrato ovunque",
    ),
    (
        "Nodo",
        "sottotitolo",
        "Breve qualificazione sotto il titolo",
    ),
    (
        "Nodo",
        "peso",
        "Peso in percentuale (0–100) nel nodo di livello superiore (ad esempio di un obiettivo strategico nella sua area)",
    ),
    (
        "Nodo",
        "bilancio",
        "Collegamento al bilancio: Missione e Programma (es. Missione 011, Programma 005)",
    ),
    (
        "Nodo",
        "descrizione",
        "Descrizione e azioni (Markdown ridotto)",
    ),
    ("Nodo", "uffici", "Gli uffici coinvolti"),
    (
        "Nodo",
        "impegno",
        "Impegno richiesto al personale (Markdown ridotto)",
    ),
    (
        "Nodo",
        "tempi",
        "Tempistiche: fasi e scadenze del lavoro (Markdown ridotto)",
    ),
    (
        "Nodo",
        "benefici",
        "Benefici e miglioramenti attesi (Markdown ridotto)",
    ),
    ("Nodo", "indicatori", "Gli indicatori dell'obiettivo"),
    ("Nodo", "risorse", "Le risorse finanziarie"),
    (
        "Nodo",
        "note",
        "Note stampate in fondo alla scheda (Markdown ridotto)",
    ),
    (
        "Nodo",
        "figli",
        "I nodi del livello successivo, ad esempio gli obiettivi operativi di un obiettivo strategico",
    ),
    ("Bilancio", "missione", "La Missione (es. codice \"011\")"),
    ("Bilancio", "programma", "Il Programma (es. codice \"005\")"),
    ("VoceBilancio", "codice", "Codice, ad esempio \"011\""),
    ("VoceBilancio", "descrizione", "Descrizione della voce"),
    (
        "Indicatore",
        "id",
        "Identificativo stabile, che non cambia con la rinumerazione: aiuta `piano diff`",
    ),
    ("Indicatore", "descrizione", "Che cosa misura l'indicatore"),
    ("Indicatore", "formula", "Formula di calcolo (algoritmo)"),
    ("Indicatore", "unita", "Unità di misura"),
    (
        "Indicatore",
        "tipo",
        "Tipo: `efficacia`, `efficienza`, `qualita`, `volume`, `outcome` o `stato_risorse`",
    ),
    ("Indicatore", "fonte", "Fonte dei dati"),
    (
        "Indicatore",
        "baseline",
        "Valore di partenza (target storico)",
    ),
    (
        "Indicatore",
        "target",
        "Un target per ogni scadenza del livello, ad esempio {\"2021\": \">= 250\", \"2022\": \"SI\"}; \"-\" se non applicabile",
    ),
    (
        "Indicatore",
        "peso",
        "Peso in percentuale (0–100) nell'obiettivo: un numero, o un numero per scadenza, ad esempio {\"2021\": 40, \"2022\": 30}",
    ),
    (
        "Indicatore",
        "documentazione",
        "Documentazione e report da mostrare all'OIV",
    ),
    (
        "Indicatore",
        "uffici",
        "Gli uffici responsabili dell'indicatore",
    ),
    (
        "TargetStrutturato",
        "testo",
        "Il testo del target, come va stampato",
    ),
    (
        "TargetStrutturato",
        "confronto",
        "Verso del confronto: `>=`, `<=`, `=`, `>` o `<`",
    ),
    ("TargetStrutturato", "valore", "Valore numerico"),
    (
        "TargetStrutturato",
        "unita",
        "Unità del valore, ad esempio \"%\", \"gg.\", \"imprese\"",
    ),
    (
        "Risorsa",
        "conto",
        "Conto di ricavo o di costo e descrizione",
    ),
    (
        "Risorsa",
        "importo",
        "Importo in euro (obiettivi operativi)",
    ),
    (
        "Risorsa",
        "stime",
        "Stima dell'importo in euro per anno (obiettivi strategici), ad esempio {\"2021\": 150000}",
    ),
    ("Risorsa", "budget", "Voce di budget"),
    (
        "AziendaSpeciale",
        "nome",
        "Nome, ad esempio \"Azienda Speciale Pro Brixia\"",
    ),
    (
        "AziendaSpeciale",
        "livello",
        "Il livello dei suoi obiettivi; se assente, l'ultimo livello dell'albero",
    ),
    (
        "AziendaSpeciale",
        "obiettivi",
        "I suoi obiettivi, numerati 1, 2, 3...",
    ),
    ("Assegnazioni", "anno", "Anno dell'assegnazione"),
    ("Assegnazioni", "dirigenti", "Un elemento per dirigente"),
    ("Dirigente", "nome", "Nome e cognome"),
    ("Dirigente", "titolo", "Titolo: dr, dr.ssa, sig. ..."),
    (
        "Dirigente",
        "ruolo",
        "Ruolo, ad esempio \"Segretario Generale e Dirigente Area Amministrativa\"",
    ),
    (
        "Dirigente",
        "obiettivi",
        "Gli obiettivi assegnati, ognuno con il suo peso; i pesi sommano a 100",
    ),
    (
        "ObiettivoAssegnato",
        "obiettivo",
        "L'obiettivo: il suo `id` o il suo codice (es. \"1.1.2\")",
    ),
    (
        "ObiettivoAssegnato",
        "titolo",
        "Il titolo dell'obiettivo come lo legge l'ufficio: è confrontato con l'albero, ma non stampato",
    ),
    (
        "ObiettivoAssegnato",
        "peso",
        "Peso in percentuale (0–100) tra gli obiettivi del dirigente",
    ),
    ("Sezione", "titolo", "Titolo (il numero è calcolato)"),
    (
        "Sezione",
        "numerata",
        "Se la sezione è numerata; se assente, sì (la Premessa non lo è)",
    ),
    (
        "Sezione",
        "contenuto",
        "Il contenuto, in ordine: testi, tabelle, grafici, organigrammi...",
    ),
    ("Sezione", "sezioni", "Le sottosezioni"),
    ("Tabella", "titolo", "Didascalia della tabella"),
    (
        "Tabella",
        "colonne",
        "Le colonne, con intestazione, allineamento e formato dei numeri",
    ),
    (
        "Tabella",
        "righe",
        "Le righe: per ognuna un elenco di celle, una per colonna (numero, testo o null)",
    ),
    (
        "Tabella",
        "totale",
        "La riga dei totali come la riporta il piano, una cella per colonna",
    ),
    (
        "Tabella",
        "note",
        "Nota sotto la tabella (Markdown ridotto)",
    ),
    ("Tabella", "fonte", "Fonte dei dati"),
    (
        "Tabella",
        "orizzontale",
        "Se la tabella va su una pagina orizzontale",
    ),
    ("Colonna", "titolo", "Intestazione della colonna"),
    (
        "Colonna",
        "allineamento",
        "Allineamento: `sinistra`, `centro` o `destra`; se assente, i numeri vanno a destra",
    ),
    (
        "Colonna",
        "formato",
        "Come stampare i numeri: `testo`, `numero`, `percentuale` o `euro`",
    ),
    (
        "Colonna",
        "decimali",
        "Cifre decimali; se assenti, 0 per i numeri e 2 per percentuali ed euro",
    ),
    ("Grafico", "tipo", "Tipo: `barre`, `torta` o `linee`"),
    ("Grafico", "titolo", "Titolo del grafico"),
    (
        "Grafico",
        "categorie",
        "Le categorie: l'asse orizzontale, o le fette della torta",
    ),
    (
        "Grafico",
        "serie",
        "Le serie di valori, ognuna con un valore per categoria",
    ),
    (
        "Grafico",
        "unita",
        "Unità dei valori, ad esempio \"%\" o \"milioni di euro\"",
    ),
    ("Grafico", "fonte", "Fonte dei dati"),
    ("Serie", "nome", "Nome della serie, per la legenda"),
    (
        "Serie",
        "valori",
        "Un valore per categoria; null dove manca",
    ),
    ("Organigramma", "titolo", "Titolo dell'organigramma"),
    (
        "Organigramma",
        "radice",
        "L'unità al vertice, ad esempio il Segretario Generale",
    ),
    ("Unita", "nome", "Nome dell'unità"),
    ("Unita", "responsabile", "Responsabile dell'unità"),
    ("Unita", "staff", "Le unità di staff accanto a questa"),
    ("Unita", "unita", "Le unità che dipendono da questa"),
    (
        "Firma",
        "ruolo",
        "Ruolo di chi firma, ad esempio \"Il Segretario Generale\"",
    ),
    ("Firma", "nome", "Nome, ad esempio \"dr Massimo Ziletti\""),
    (
        "Pola",
        "titolo",
        "Titolo, ad esempio \"Piano Organizzativo del Lavoro Agile\"",
    ),
    ("Pola", "sottotitolo", "Sottotitolo"),
    ("Pola", "anno_inizio", "Primo anno del POLA"),
    ("Pola", "anno_fine", "Ultimo anno del POLA"),
    ("Pola", "atti", "Gli atti del POLA (validazione, adozione)"),
    ("Pola", "sezioni", "Le parti del POLA, in ordine"),
    ("Pola", "firme", "Le firme in fondo al POLA"),
    ("MeseLavoroAgile", "mese", "Il mese, ad esempio \"gen\""),
    ("MeseLavoroAgile", "dipendenti", "Dipendenti in servizio"),
    (
        "MeseLavoroAgile",
        "lavoratori_agili",
        "Lavoratori agili (non più dei dipendenti)",
    ),
    (
        "MeseLavoroAgile",
        "giorni_medi_settimana",
        "Giorni medi di lavoro agile alla settimana per dipendente",
    ),
    (
        "MeseLavoroAgile",
        "giornate_totali",
        "Giornate di lavoro agile nel mese, in totale",
    ),
    ("SerieMensile", "titolo", "Didascalia della tabella"),
    ("SerieMensile", "anno", "Anno della serie"),
    ("SerieMensile", "mesi", "I mesi, in ordine"),
    (
        "Conteggi",
        "titolo",
        "Didascalia: l'intestazione della prima colonna, ad esempio \"Tecnologia\"",
    ),
    (
        "Conteggi",
        "dimensione",
        "La dimensione delle linee guida DFP di cui questi conteggi sono la baseline",
    ),
    ("Conteggi", "periodi", "I periodi, uno per colonna"),
    ("Conteggi", "righe", "Una riga per voce"),
    ("RigaConteggi", "voce", "Ciò che si conta"),
    (
        "RigaConteggi",
        "valori",
        "Un valore per periodo: un numero, o un testo come \"tutti\"",
    ),
    ("ProgrammaSviluppo", "titolo", "Didascalia della tabella"),
    (
        "ProgrammaSviluppo",
        "fasi",
        "Le fasi o gli anni, in ordine (colonne), ad esempio \"avvio\", \"sviluppo intermedio\", \"sviluppo avanzato\"",
    ),
    (
        "ProgrammaSviluppo",
        "condizioni",
        "Le condizioni abilitanti, ognuna con la sua fase",
    ),
    ("CondizioneAbilitante", "condizione", "Ciò che si adotta"),
    (
        "CondizioneAbilitante",
        "fase",
        "La fase o l'anno in cui si adotta (uno di `fasi`)",
    ),
    ("IndicatoriDfp", "titolo", "Didascalia della tabella"),
    (
        "IndicatoriDfp",
        "fasi",
        "Le fasi o gli anni dei target, in ordine",
    ),
    ("IndicatoriDfp", "indicatori", "Gli indicatori"),
    (
        "IndicatoreDfp",
        "dimensione",
        "La dimensione delle linee guida DFP",
    ),
    ("IndicatoreDfp", "indicatore", "L'indicatore"),
    ("IndicatoreDfp", "baseline", "Valore di partenza (baseline)"),
    (
        "IndicatoreDfp",
        "target",
        "Un target per fase o anno, ad esempio {\"avvio\": \"10%\", \"sviluppo intermedio\": \"20%\"}",
    ),
    ("IndicatoreDfp", "fonte", "Fonte dei dati"),
];

/// Descriptions of the alternatives of enums, by type and key: the value for a list of
/// allowed values, the single key for a tagged block, the JSON type or referenced type
/// for the forms of an untagged value.
const VARIANTI: &[(&str, &str, &str)] = &[
    ("TipoAtto", "validazione", "Validazione dell'OIV"),
    ("TipoAtto", "adozione", "Adozione della Giunta"),
    (
        "TipoAtto",
        "aggiornamento",
        "Aggiornamento successivo, con una nuova deliberazione",
    ),
    ("TipoIndicatore", "efficacia", "Efficacia"),
    ("TipoIndicatore", "efficienza", "Efficienza"),
    ("TipoIndicatore", "qualita", "Qualità"),
    ("TipoIndicatore", "volume", "Volume"),
    ("TipoIndicatore", "outcome", "Outcome (impatto)"),
    ("TipoIndicatore", "stato_risorse", "Stato delle risorse"),
    (
        "Peso",
        "number",
        "Un peso unico per tutte le scadenze (0–100)",
    ),
    (
        "Peso",
        "object",
        "Un peso per scadenza, ad esempio {\"2021\": 40, \"2022\": 30}",
    ),
    (
        "Target",
        "number",
        "Un numero, stampato nel formato italiano",
    ),
    (
        "Target",
        "string",
        "Il testo del piano, così come scritto: \"SI\", \">= 250\", \"entro il 1/6/2019\", \"-\"",
    ),
    (
        "Target",
        "TargetStrutturato",
        "Il testo con la struttura numerica: {\"testo\": \">= 250\", \"confronto\": \">=\", \"valore\": 250, \"unita\": \"imprese\"}",
    ),
    (
        "Blocco",
        "testo",
        "Testo in Markdown ridotto: paragrafi, elenchi, **grassetto**, *corsivo*, link",
    ),
    ("Blocco", "tabella", "Una tabella di dati"),
    ("Blocco", "grafico", "Un grafico disegnato dai dati"),
    (
        "Blocco",
        "organigramma",
        "Un organigramma disegnato dai dati",
    ),
    (
        "Blocco",
        "serie_mensile",
        "POLA: la serie mese per mese del lavoro agile",
    ),
    (
        "Blocco",
        "conteggi",
        "POLA: conteggi per periodo di una dimensione (tecnologia, formazione...)",
    ),
    (
        "Blocco",
        "programma_sviluppo",
        "POLA: le condizioni abilitanti e la fase o l'anno in cui ciascuna è adottata",
    ),
    (
        "Blocco",
        "indicatori_dfp",
        "POLA: gli indicatori del programma di sviluppo per dimensione delle linee guida DFP",
    ),
    ("Allineamento", "sinistra", "A sinistra"),
    ("Allineamento", "centro", "Al centro"),
    ("Allineamento", "destra", "A destra"),
    ("Formato", "testo", "Il testo così come scritto"),
    (
        "Formato",
        "numero",
        "Un numero con i separatori italiani (1.234,5)",
    ),
    (
        "Formato",
        "percentuale",
        "Una percentuale: il valore è già in percento (11.5 diventa 11,5%)",
    ),
    ("Formato", "euro", "Un importo in euro"),
    (
        "Cella",
        "number",
        "Un numero, stampato nel formato della colonna",
    ),
    ("Cella", "string", "Un testo, stampato così come scritto"),
    ("Cella", "null", "Una cella vuota"),
    ("TipoGrafico", "barre", "Barre, un gruppo per categoria"),
    (
        "TipoGrafico",
        "torta",
        "Torta, una fetta per categoria (solo la prima serie)",
    ),
    ("TipoGrafico", "linee", "Linee sulle categorie"),
    (
        "DimensioneDfp",
        "salute_organizzativa",
        "Condizioni abilitanti: salute organizzativa",
    ),
    (
        "DimensioneDfp",
        "salute_professionale",
        "Condizioni abilitanti: salute professionale",
    ),
    (
        "DimensioneDfp",
        "salute_economico_finanziaria",
        "Condizioni abilitanti: salute economico-finanziaria",
    ),
    (
        "DimensioneDfp",
        "salute_digitale",
        "Condizioni abilitanti: salute digitale",
    ),
    (
        "DimensioneDfp",
        "stato_implementazione",
        "Stato di implementazione (es. quota di lavoratori agili e di giornate agili, soddisfazione)",
    ),
    (
        "DimensioneDfp",
        "economicita",
        "Performance organizzativa: economicità",
    ),
    (
        "DimensioneDfp",
        "efficienza",
        "Performance organizzativa: efficienza",
    ),
    (
        "DimensioneDfp",
        "efficacia",
        "Performance organizzativa: efficacia",
    ),
    (
        "DimensioneDfp",
        "impatto_sociale",
        "Impatti esterni: sociale",
    ),
    (
        "DimensioneDfp",
        "impatto_ambientale",
        "Impatti esterni: ambientale",
    ),
    (
        "DimensioneDfp",
        "impatto_economico",
        "Impatti esterni: economico",
    ),
    (
        "DimensioneDfp",
        "impatto_interno",
        "Impatti interni: variazione delle quattro condizioni di salute",
    ),
];

/// Replaces every description of `schema`, generated from the model, with the Italian
/// ones of the tables above, and sets its title.
pub fn applica(schema: &mut Value) {
    togli_descrizioni(schema);
    for (tipo, testo) in TIPI {
        if let Some(s) = tipo_mut(schema, tipo) {
            descrivi(s, testo);
        }
    }
    for (tipo, campo, testo) in CAMPI {
        if let Some(s) = campo_mut(schema, tipo, campo) {
            descrivi(s, testo);
        }
    }
    for (tipo, chiave, testo) in VARIANTI {
        if let Some(v) = variante_mut(schema, tipo, chiave) {
            // A tagged block is an object with one key: the editor shows the key's text.
            if let Some(Value::Object(props)) = v.get_mut("properties") {
                props.values_mut().for_each(|p| descrivi(p, testo));
            }
            descrivi(v, testo);
        }
    }
    if let Value::Object(root) = schema {
        root.insert("title".into(), TITOLO.into());
    }
}

fn descrivi(schema: &mut Value, testo: &str) {
    if let Value::Object(map) = schema {
        map.insert("description".into(), testo.into());
    }
}

/// Removes the descriptions schemars copied from the doc comments, leaving alone the
/// JSON values a schema holds (defaults, constants) and the names of properties.
fn togli_descrizioni(schema: &mut Value) {
    match schema {
        Value::Object(map) => {
            map.remove("description");
            for (key, value) in map.iter_mut() {
                match (key.as_str(), value) {
                    ("default" | "const" | "enum" | "examples", _) => {}
                    ("properties" | "$defs", Value::Object(named)) => {
                        named.values_mut().for_each(togli_descrizioni);
                    }
                    (_, v) => togli_descrizioni(v),
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(togli_descrizioni),
        _ => {}
    }
}

/// The schema of a type: the root for the plan itself, else its entry in `$defs`.
fn tipo_mut<'a>(schema: &'a mut Value, tipo: &str) -> Option<&'a mut Value> {
    let root = <crate::model::Piano as schemars::JsonSchema>::schema_name();
    if tipo == root {
        Some(schema)
    } else {
        schema.get_mut("$defs")?.get_mut(tipo)
    }
}

fn campo_mut<'a>(schema: &'a mut Value, tipo: &str, campo: &str) -> Option<&'a mut Value> {
    tipo_mut(schema, tipo)?
        .get_mut("properties")?
        .get_mut(campo)
}

fn variante_mut<'a>(schema: &'a mut Value, tipo: &str, chiave: &str) -> Option<&'a mut Value> {
    let t = tipo_mut(schema, tipo)?.as_object_mut()?;
    let alternative = ["oneOf", "anyOf"]
        .into_iter()
        .find(|k| t.contains_key(*k))
        .and_then(|k| t.get_mut(k))?;
    alternative
        .as_array_mut()?
        .iter_mut()
        .find(|v| chiave_variante(v).as_deref() == Some(chiave))
}

/// What names an alternative of an enum in the tables: its constant, its single key, the
/// type it refers to, or its JSON type.
fn chiave_variante(v: &Value) -> Option<String> {
    if let Some(c) = v.get("const").and_then(Value::as_str) {
        return Some(c.to_string());
    }
    if let Some(Value::Object(props)) = v.get("properties")
        && props.len() == 1
    {
        return props.keys().next().cloned();
    }
    if let Some(r) = v.get("$ref").and_then(Value::as_str) {
        return r.rsplit('/').next().map(str::to_string);
    }
    v.get("type").and_then(Value::as_str).map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn schema() -> Value {
        crate::load::schema::schema().clone()
    }

    /// JSON pointers of the places an editor shows a description that has none: types,
    /// properties anywhere, and the alternatives of enums.
    fn senza_descrizione(schema: &Value, pointer: &str, out: &mut Vec<String>) {
        let Value::Object(map) = schema else { return };
        for (key, value) in map {
            let here = format!("{pointer}/{key}");
            match (key.as_str(), value) {
                ("default" | "const" | "enum" | "examples", _) => {}
                ("properties" | "$defs", Value::Object(named)) => {
                    for (name, s) in named {
                        let p = format!("{here}/{name}");
                        if s.get("description").and_then(Value::as_str).is_none() {
                            out.push(p.clone());
                        }
                        senza_descrizione(s, &p, out);
                    }
                }
                ("oneOf" | "anyOf", Value::Array(alts)) => {
                    // The alternatives of an enum type; elsewhere an `anyOf` only says
                    // that an optional field may be null.
                    let enum_type =
                        pointer.starts_with("/$defs/") && pointer.matches('/').count() == 2;
                    for (i, s) in alts.iter().enumerate() {
                        let p = format!("{here}/{i}");
                        if enum_type && s.get("description").is_none() {
                            out.push(p.clone());
                        }
                        senza_descrizione(s, &p, out);
                    }
                }
                (_, Value::Array(items)) => {
                    for (i, s) in items.iter().enumerate() {
                        senza_descrizione(s, &format!("{here}/{i}"), out);
                    }
                }
                (_, v @ Value::Object(_)) => senza_descrizione(v, &here, out),
                _ => {}
            }
        }
    }

    #[test]
    fn every_type_field_and_variant_has_an_italian_description() {
        let s = schema();
        assert_eq!(s["title"], TITOLO);
        assert!(s["description"].is_string(), "the root has no description");
        let mut missing = Vec::new();
        senza_descrizione(&s, "", &mut missing);
        assert!(
            missing.is_empty(),
            "add an Italian description to src/load/descrizioni.rs for: {missing:#?}"
        );
    }

    #[test]
    fn every_description_in_the_tables_has_its_place_in_the_schema() {
        let mut s = serde_json::to_value(schemars::schema_for!(crate::model::Piano)).unwrap();
        let mut stale = Vec::new();
        for (tipo, _) in TIPI {
            if tipo_mut(&mut s, tipo).is_none() {
                stale.push(tipo.to_string());
            }
        }
        for (tipo, campo, _) in CAMPI {
            if campo_mut(&mut s, tipo, campo).is_none() {
                stale.push(format!("{tipo}.{campo}"));
            }
        }
        for (tipo, chiave, _) in VARIANTI {
            if variante_mut(&mut s, tipo, chiave).is_none() {
                stale.push(format!("{tipo}: {chiave}"));
            }
        }
        assert!(
            stale.is_empty(),
            "no such type, field or variant: {stale:?}"
        );
    }

    #[test]
    fn no_english_doc_comment_is_left() {
        // The model documents `Ente::nome` in English; the schema shows the Italian text.
        let s = schema();
        assert_eq!(
            s["$defs"]["Ente"]["properties"]["nome"]["description"],
            "Denominazione completa, come in copertina"
        );
        let text = s.to_string();
        assert!(!text.contains("The public body"), "{text}");
    }

    #[test]
    fn a_tagged_block_describes_its_key() {
        let s = schema();
        let testo = s["$defs"]["Blocco"]["oneOf"]
            .as_array()
            .unwrap()
            .iter()
            .find(|v| v["properties"].get("testo").is_some())
            .unwrap();
        assert_eq!(
            testo["description"],
            testo["properties"]["testo"]["description"]
        );
    }
}
