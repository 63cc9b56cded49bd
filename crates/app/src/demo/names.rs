//! Realistic Paraguayan names for demonstration data: companies, public bodies, people.

use fastrand::Rng;

const PREFIXES: &[&str] = &[
    "Agroganadera",
    "Banco",
    "Cooperativa",
    "Financiera",
    "Consultora",
    "Laboratorios",
    "Transportadora",
    "Distribuidora",
    "Constructora",
    "Industrias",
    "Frigorífico",
    "Supermercados",
    "Seguros",
    "Inmobiliaria",
    "Textil",
    "Logística",
    "Farmacéutica",
    "Editorial",
    "Clínica",
    "Cervecería",
];
const CORES: &[&str] = &[
    "Guaraní",
    "del Este",
    "San Lorenzo",
    "Itapúa",
    "Ñandutí",
    "Paraná",
    "Chaco Boreal",
    "Asunción",
    "Mburucuyá",
    "Yacyretá",
    "Caaguazú",
    "Concepción",
    "Ypacaraí",
    "Tapé Porã",
    "Lambaré",
    "Amambay",
    "Pilar",
    "Villarrica",
    "Misiones",
    "Ñeembucú",
    "Alto Paraná",
    "Cordillera",
];
const SUFFIXES: &[&str] = &["S.A.", "S.R.L.", "S.A.E.C.A."];
const BODIES: &[&str] = &[
    "Ministerio de Hacienda",
    "Ministerio de Salud Pública y Bienestar Social",
    "Ministerio de Educación y Ciencias",
    "Ministerio de Obras Públicas y Comunicaciones",
    "Ministerio de Industria y Comercio",
    "Ministerio de Agricultura y Ganadería",
    "Ministerio de Trabajo, Empleo y Seguridad Social",
    "Dirección Nacional de Contrataciones Públicas",
    "Dirección Nacional de Aduanas",
    "Instituto de Previsión Social",
    "Administración Nacional de Navegación y Puertos",
    "Servicio Nacional de Calidad y Salud Animal",
    "Secretaría Nacional de Turismo",
    "Agencia Nacional de Tránsito y Seguridad Vial",
    "Instituto Nacional de Tecnología, Normalización y Metrología",
];
const CITIES: &[&str] = &[
    "Asunción",
    "Ciudad del Este",
    "Encarnación",
    "San Lorenzo",
    "Luque",
    "Capiatá",
    "Lambaré",
    "Fernando de la Mora",
    "Limpio",
    "Ñemby",
    "Pedro Juan Caballero",
    "Coronel Oviedo",
    "Concepción",
    "Villarrica",
    "Caaguazú",
    "Itauguá",
    "Mariano Roque Alonso",
    "Hernandarias",
    "Pilar",
    "Caacupé",
];
const FIRST: &[&str] = &[
    "Ana", "María", "Carmen", "Lucía", "Sofía", "Patricia", "Rocío", "Gabriela", "Mónica", "Liz",
    "Jorge", "Carlos", "José", "Luis", "Juan", "Ramón", "Diego", "Hugo", "Óscar", "Néstor",
    "Andrés", "Fátima",
];
const LAST: &[&str] = &[
    "González",
    "Benítez",
    "Martínez",
    "López",
    "Giménez",
    "Vera",
    "Duarte",
    "Ramírez",
    "Villalba",
    "Ortiz",
    "Acosta",
    "Báez",
    "Rojas",
    "Cáceres",
    "Núñez",
    "Ayala",
    "Cabrera",
    "Fernández",
    "Riquelme",
    "Zárate",
    "Peña",
    "Sosa",
    "Ibáñez",
    "Escobar",
];

/// A company's legal name.
pub fn company(rng: &mut Rng) -> String {
    format!(
        "{} {} {}",
        PREFIXES[rng.usize(..PREFIXES.len())],
        CORES[rng.usize(..CORES.len())],
        SUFFIXES[rng.usize(..SUFFIXES.len())]
    )
}

/// A public body's name.
pub fn public_body(rng: &mut Rng) -> String {
    if rng.bool() {
        BODIES[rng.usize(..BODIES.len())].to_string()
    } else {
        format!("Municipalidad de {}", CITIES[rng.usize(..CITIES.len())])
    }
}

/// A city, to tell apart two customers of the same name.
pub fn city(rng: &mut Rng) -> &'static str {
    CITIES[rng.usize(..CITIES.len())]
}

/// A street address in a city of Paraguay.
pub fn address(rng: &mut Rng) -> String {
    const STREETS: &[&str] = &[
        "Av. Mariscal López",
        "Av. España",
        "Av. Santísimo Sacramento",
        "Av. Aviadores del Chaco",
        "Av. Eusebio Ayala",
        "Av. Artigas",
        "Calle Palma",
        "Calle Estrella",
        "Av. Mcal. Francisco Solano López",
        "Av. General Santos",
    ];
    format!(
        "{} {}, {}",
        STREETS[rng.usize(..STREETS.len())],
        rng.u16(100..4000),
        city(rng)
    )
}

/// A person's full name.
pub fn person(rng: &mut Rng) -> String {
    format!(
        "{} {} {}",
        FIRST[rng.usize(..FIRST.len())],
        LAST[rng.usize(..LAST.len())],
        LAST[rng.usize(..LAST.len())]
    )
}

/// An e-mail address for a person at a company.
pub fn email(person: &str, company: &str) -> String {
    let clean = |s: &str| {
        deunicode(s)
            .to_lowercase()
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == ' ')
            .collect::<String>()
    };
    let p = clean(person);
    let mut parts = p.split_whitespace();
    let local = format!(
        "{}.{}",
        parts.next().unwrap_or("contacto"),
        parts.next().unwrap_or("py")
    );
    let domain: String = clean(company)
        .split_whitespace()
        .take(2)
        .collect::<Vec<_>>()
        .join("");
    format!("{local}@{domain}.com.py")
}

fn deunicode(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            'á' | 'Á' => 'a',
            'é' | 'É' => 'e',
            'í' | 'Í' => 'i',
            'ó' | 'Ó' => 'o',
            'ú' | 'Ú' | 'ü' => 'u',
            'ñ' | 'Ñ' => 'n',
            c => c,
        })
        .collect()
}

/// What a customer needs, as a pre-sales engineer writes it down.
pub fn needs(rng: &mut Rng) -> &'static str {
    const NEEDS: &[&str] = &[
        "Migrar el ERP on-premise a AWS con alta disponibilidad y respaldo diario.",
        "Sitio de contingencia (DR) en AWS para los sistemas core, RPO de 4 horas.",
        "Plataforma de comercio electrónico con picos estacionales; autoescalado.",
        "Data lake para análisis de ventas con Amazon S3 y Athena.",
        "Ambientes de desarrollo y pruebas bajo demanda para el equipo de software.",
        "Correo y archivos compartidos con cifrado y retención legal de 10 años.",
        "Portal ciudadano con trámites en línea y certificados digitales.",
        "Centro de contacto en la nube con grabación de llamadas.",
    ];
    NEEDS[rng.usize(..NEEDS.len())]
}

/// What an order sells, in a few words.
pub fn title(rng: &mut Rng) -> &'static str {
    const TITLES: &[&str] = &[
        "Migración de ERP a AWS",
        "Sitio de contingencia en AWS",
        "Plataforma e-commerce en AWS",
        "Data lake de ventas",
        "Ambientes de desarrollo en AWS",
        "Servicios administrados VIP",
        "Portal ciudadano en AWS",
        "Centro de contacto en la nube",
        "Ampliación de cuentas AWS",
    ];
    TITLES[rng.usize(..TITLES.len())]
}
